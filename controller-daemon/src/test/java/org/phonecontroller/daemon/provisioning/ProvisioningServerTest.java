package org.phonecontroller.daemon.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.HttpCredentials;
import org.phonecontroller.config.ProvisioningSettings;
import org.phonecontroller.daemon.inventory.RangeTarget;
import org.phonecontroller.daemon.inventory.Target;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.provisioning.ProvisionedServer;
import org.phonecontroller.protocols.provisioning.ProvisioningProfiles;
import org.phonecontroller.ranges.IpRange;
import org.slf4j.LoggerFactory;

/** The provisioning server over real HTTP on loopback (127.72.0.0/16): what it serves, to whom, and what it refuses. */
class ProvisioningServerTest {

    private static final String PASSWORD = "hunter2-secret";
    private static final String UA = "Yealink SIP-T46U 108.86.0.20 80:5e:c0:d5:7d:72";
    private static final ProvisionedServer PRIMARY = ProvisionedServer.of(ServerAddress.parse("127.72.0.10:5060"),
            Transport.UDP);
    private static final ProvisionedServer FALLBACK = ProvisionedServer.of(ServerAddress.parse("127.72.0.11:5060"),
            Transport.UDP);
    private static final String PHONE_FILE = "#!version:1.0.0.1\naccount.1.user_name = 201\naccount.1.password = "
            + PASSWORD + "\naccount.1.sip_server.1.address = 127.72.0.10\naccount.1.sip_server.1.port = 5060\n";

    @TempDir
    Path dir;
    private final ProvisioningLedger ledger = new ProvisioningLedger();
    private final AtomicReference<Target> target = new AtomicReference<>(Target.FALLBACK);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private ProvisioningServer server;

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        ((Logger) LoggerFactory.getLogger("org.phonecontroller")).setLevel(ch.qos.logback.classic.Level.DEBUG);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("org.phonecontroller")).setLevel(null);
        assertThat(logs.list).as("no log line carries a SIP password from a served file").allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(PASSWORD);
            if (e.getThrowableProxy() != null) {
                assertThat(ThrowableProxyUtil.asString(e.getThrowableProxy())).doesNotContain(PASSWORD);
            }
        });
    }

    private int start(FileSource source) {
        ProvisionedRange range = new ProvisionedRange("floor-3", List.of(IpRange.parse("127.72.1.0/24")),
                ProvisioningProfiles.builtIn().get("yealink").orElseThrow(), "provisioning:yealink", PRIMARY,
                FALLBACK);
        ProvisionedRanges served = ProvisionedRanges.of(List.of(range), source);
        ProvisioningRequests requests = new ProvisioningRequests(() -> served, ledger,
                name -> Optional.of(new RangeTarget(name, target.get(), "test", false, Instant.EPOCH)),
                TimeSource.system(), fetch -> { });
        server = ProvisioningServer.start(new ProvisioningSettings("127.72.0.1", 0, Optional.empty(),
                new ProvisioningSettings.Source.Template(), Duration.ofSeconds(2), 1), requests);
        return server.port();
    }

    @Test
    void servesAPhoneItsFileWithTheTargetFirstAndEverythingElseUntouched() throws Exception {
        Files.writeString(dir.resolve("805ec0d57d72.cfg"), PHONE_FILE);
        int port = start(new DirectorySource(dir, 1 << 20));
        LoopbackHttp.Reply reply = LoopbackHttp.get("127.72.1.7", port, "/805ec0d57d72.cfg", UA);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("account.1.password = " + PASSWORD, "account.1.user_name = 201",
                "account.1.sip_server.1.address = 127.72.0.11", "account.1.sip_server.2.address = 127.72.0.10",
                "sip.notify_reboot_enable = 0");
        Fetch fetch = ledger.lastConfigFetch(InetAddress.getByName("127.72.1.7")).orElseThrow();
        assertThat(fetch.device()).isEqualTo(new org.phonecontroller.protocols.provisioning.ProvisioningProfile
                .Device("T46U", "108.86.0.20", "80:5e:c0:d5:7d:72"));
        assertThat(fetch.servers()).containsExactly(FALLBACK.address(), PRIMARY.address());
        assertThat(fetch.toString()).doesNotContain(PASSWORD);

        target.set(Target.PRIMARY);
        assertThat(LoopbackHttp.get("127.72.1.7", port, "/805ec0d57d72.cfg", UA).body())
                .contains("account.1.sip_server.1.address = 127.72.0.10");
    }

    @Test
    void refusesClientsOutsideEveryProvisionedRange() throws Exception {
        Files.writeString(dir.resolve("805ec0d57d72.cfg"), PHONE_FILE);
        int port = start(new DirectorySource(dir, 1 << 20));
        LoopbackHttp.Reply reply = LoopbackHttp.get("127.72.9.9", port, "/805ec0d57d72.cfg", UA);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).doesNotContain(PASSWORD);
    }

    @Test
    void takesOnlyPlainFileNames() throws Exception {
        Files.writeString(dir.resolve("805ec0d57d72.cfg"), PHONE_FILE);
        Files.writeString(dir.getParent().resolve("outside.cfg"), PHONE_FILE);
        int port = start(new DirectorySource(dir, 1 << 20));
        for (String path : List.of("/../outside.cfg", "/%2e%2e/outside.cfg", "/..%2foutside.cfg", "/a/../outside.cfg",
                "//etc/passwd", "/%2fetc%2fpasswd", "/805ec0d57d72%2ecfg", "/sub/805ec0d57d72.cfg", "/..",
                "/805ec0d57d72.cfg%00", "/.hidden", "/a\\b.cfg")) {
            LoopbackHttp.Reply reply = LoopbackHttp.get("127.72.1.7", port, path, UA);
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.body()).as(path).doesNotContain(PASSWORD);
        }
    }

    @Test
    void refusesAFileItCannotParseInsteadOfPassingItThroughAndNeverLogsItsContent() throws Exception {
        Files.writeString(dir.resolve("805ec0d57d72.cfg"), PHONE_FILE + "garbage line with " + PASSWORD + "\n");
        int port = start(new DirectorySource(dir, 1 << 20));
        LoopbackHttp.Reply reply = LoopbackHttp.get("127.72.1.7", port, "/805ec0d57d72.cfg", UA);
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).doesNotContain(PASSWORD);
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("805ec0d57d72.cfg",
                "500", "line 6"));
        assertThat(ledger.lastConfigFetch(InetAddress.getByName("127.72.1.7")).orElseThrow().detail())
                .doesNotContain(PASSWORD);
    }

    @Test
    void withoutASourceMakesThePhonesFileFromTheProfilesTemplate() throws Exception {
        int port = start(FileSource.NONE);
        LoopbackHttp.Reply reply = LoopbackHttp.get("127.72.1.8", port, "/001565aabbcc.cfg", UA);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("account.1.sip_server.1.address = 127.72.0.11",
                "account.1.sip_server.2.address = 127.72.0.10", "sip.notify_reboot_enable = 0");
        assertThat(LoopbackHttp.get("127.72.1.8", port, "/y000000000044.cfg", UA).status()).isEqualTo(404);
    }

    @Test
    void servesTheUpstreamsCachedFilesWhileItIsDownAndRefusesOversizedAnswers() throws Exception {
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.72.0.2", 0), 0);
        String expected = "Basic " + Base64.getEncoder().encodeToString("prov:up-pass".getBytes(StandardCharsets.UTF_8));
        upstream.createContext("/prov/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().endsWith("big.cfg") ? new byte[5000]
                    : PHONE_FILE.getBytes(StandardCharsets.UTF_8);
            boolean authorised = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(authorised ? 200 : 401, authorised ? body.length : -1);
            if (authorised) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        upstream.start();
        Path cache = dir.resolve("cache");
        int port = start(new UpstreamSource(java.net.URI.create("http://127.72.0.2:" + upstream.getAddress().getPort()
                + "/prov/"), Optional.of(new HttpCredentials("prov", "up-pass")), cache, Duration.ofSeconds(2), 4096));
        try {
            assertThat(LoopbackHttp.get("127.72.1.9", port, "/805ec0d57d72.cfg", UA).body())
                    .contains("account.1.sip_server.1.address = 127.72.0.11");
            assertThat(cache.resolve("805ec0d57d72.cfg")).hasContent(PHONE_FILE.strip());
            assertThat(LoopbackHttp.get("127.72.1.9", port, "/big.cfg", UA).status()).isEqualTo(503);
            assertThat(cache.resolve("big.cfg")).doesNotExist();
        } finally {
            upstream.stop(0);
        }
        LoopbackHttp.Reply whileDown = LoopbackHttp.get("127.72.1.9", port, "/805ec0d57d72.cfg", UA);
        assertThat(whileDown.status()).isEqualTo(200);
        assertThat(whileDown.body()).contains("account.1.sip_server.1.address = 127.72.0.11", PASSWORD);
        assertThat(LoopbackHttp.get("127.72.1.9", port, "/001565aabbcc.cfg", UA).status()).isEqualTo(503);
        assertThat(logs.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("up-pass"));
    }
}
