package org.phonecontroller.daemon.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.daemon.config.KnownProfiles;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.http.HttpCredentials;
import org.phonecontroller.protocols.provisioning.ProvisionedServer;
import org.phonecontroller.protocols.provisioning.ProvisioningProfiles;
import org.phonecontroller.ranges.IpRange;

/**
 * A configuration's provisioned ranges are built aside and served whole, in one swap: before it the server answers
 * as before, after it as the new configuration says, and a request in flight finishes with the ranges it began with.
 * Real HTTP on loopback (127.73.0.0/16).
 */
class ProvisioningSwapTest {

    private static final String SERVER = "127.73.0.1";
    private static final String UA = "Yealink SIP-T46U 108.86.0.20 80:5e:c0:d5:7d:72";
    private static final String FILE = "/805ec0d57d72.cfg";
    private static final ServerAddress A = ServerAddress.parse("127.73.0.10:5060");
    private static final ServerAddress B = ServerAddress.parse("127.73.0.11:5060");
    private static final ServerAddress C = ServerAddress.parse("127.73.0.12:5060");

    @TempDir
    Path folder;
    private Provisioning provisioning;
    private int port;

    @AfterEach
    void stop() {
        if (provisioning != null) {
            provisioning.close();
        }
    }

    /** floor-1 and floor-2 on pm-a/pm-b, floor-4 unchanged throughout. */
    private static final String BEFORE = """
              - { name: floor-1, addresses: [127.73.1.0/24], primary: pm-a, fallback: pm-b, protocols: ["provisioning:yealink"], credentials: floor-1 }
              - { name: floor-2, addresses: [127.73.2.0/24], primary: pm-a, fallback: pm-b, protocols: ["provisioning:yealink"] }
              - { name: floor-4, addresses: [127.73.4.0/24], primary: pm-a, fallback: pm-b, protocols: ["provisioning:yealink"] }
            """;
    /** floor-1 now on pm-c/pm-b, floor-2 removed, floor-3 added. */
    private static final String AFTER = """
              - { name: floor-1, addresses: [127.73.1.0/24], primary: pm-c, fallback: pm-b, protocols: ["provisioning:yealink"], credentials: floor-1 }
              - { name: floor-3, addresses: [127.73.3.0/24], primary: pm-a, fallback: pm-b, protocols: ["provisioning:yealink"] }
              - { name: floor-4, addresses: [127.73.4.0/24], primary: pm-a, fallback: pm-b, protocols: ["provisioning:yealink"] }
            """;

    private ConfigLoadResult.Valid config(String ranges, String floor1User) throws Exception {
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, "floor-1: { http: { user: " + floor1User + ", password: secret-1 } }\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Path file = folder.resolve("controller.yaml");
        Files.writeString(file, """
                phoneManagers:
                  pm-a: { address: 127.73.0.10:5060, transport: udp, probe: sip-options }
                  pm-b: { address: 127.73.0.11:5060, transport: udp, probe: sip-options }
                  pm-c: { address: 127.73.0.12:5060, transport: udp, probe: sip-options }
                ranges:
                %s
                provisioning: { listen: %s:%d }
                storage: { url: "jdbc:h2:file:%s" }
                credentialsFile: credentials.yaml
                """.formatted(ranges, SERVER, port, folder.resolve("data/phonecontroller")));
        ConfigLoadResult loaded = KnownProfiles.loader().load(file);
        assertThat(loaded).as("%s", loaded).isInstanceOf(ConfigLoadResult.Valid.class);
        return (ConfigLoadResult.Valid) loaded;
    }

    private void start(ConfigLoadResult.Valid config) {
        provisioning = Provisioning.start(config.config(), config.credentials(), range -> Optional.empty(),
                TimeSource.system(), fetch -> { }).orElseThrow();
    }

    private LoopbackHttp.Reply fetch(String phone) throws Exception {
        return LoopbackHttp.get(phone, SERVER, port, FILE, UA);
    }

    /** The phone is served 200 with {@code first} in server slot 1 and {@code second} in slot 2. */
    private void assertServed(String phone, ServerAddress first, ServerAddress second) throws Exception {
        LoopbackHttp.Reply reply = fetch(phone);
        assertThat(reply.status()).as(phone).isEqualTo(200);
        assertThat(reply.body()).as(phone).contains("account.1.sip_server.1.address = " + first.host(),
                "account.1.sip_server.2.address = " + second.host());
    }

    private static List<ProvisionedServer> servers(ServerAddress... addresses) {
        return java.util.Arrays.stream(addresses).map(a -> ProvisionedServer.of(a, Transport.UDP)).toList();
    }

    @Test
    void aNewConfigurationsRangesAreServedWholeOnceServedAndNotBefore() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(SERVER))) {
            port = probe.getLocalPort();
        }
        start(config(BEFORE, "u1"));
        assertServed("127.73.1.7", A, B);
        assertServed("127.73.2.7", A, B);
        assertThat(fetch("127.73.3.7").status()).isEqualTo(403);
        // pushes to the fallback recorded for a phone of floor-1 and one of floor-4
        provisioning.ledger().desire(InetAddress.getByName("127.73.1.7"), servers(B, A), Instant.now());
        provisioning.ledger().desire(InetAddress.getByName("127.73.4.7"), servers(B, A), Instant.now());
        assertServed("127.73.1.7", B, A);

        ConfigLoadResult.Valid after = config(AFTER, "u2");
        Provisioning.Configured next = provisioning.configure(after.config(), after.credentials());

        // built: its protocols have the new range's servers and credentials, but nothing is served differently yet
        assertThat(next.protocol("floor-1", "provisioning:yealink").orElseThrow())
                .isInstanceOfSatisfying(ProvisioningPhoneProtocol.class, p -> assertThat(p.rangeServers())
                        .containsExactly(C, B));
        assertThat(next.ranges().credentials("floor-1")).contains(new HttpCredentials("u2", "secret-1"));
        assertThat(next.protocol("floor-2", "provisioning:yealink")).isEmpty();
        assertThat(next.protocol("floor-3", "provisioning:yealink")).isPresent();
        assertServed("127.73.1.7", B, A);
        assertServed("127.73.2.7", A, B);
        assertThat(fetch("127.73.3.7").status()).isEqualTo(403);
        assertThat(provisioning.served().credentials("floor-1")).contains(new HttpCredentials("u1", "secret-1"));

        next.serve();

        assertThat(fetch("127.73.2.7").status()).as("floor-2 was removed").isEqualTo(403);
        assertServed("127.73.3.7", A, B);
        // floor-1's PhoneManagers changed: the push recorded for the old ones is forgotten, the target's served
        assertServed("127.73.1.7", C, B);
        // floor-4 did not change: its phone keeps what its push recorded
        assertServed("127.73.4.7", B, A);
        assertThat(provisioning.ranges()).extracting(ProvisionedRange::name)
                .containsExactly("floor-1", "floor-3", "floor-4");
        assertThat(provisioning.served().credentials("floor-1")).contains(new HttpCredentials("u2", "secret-1"));
        assertThat(provisioning.requests().rangeOf(InetAddress.getByName("127.73.3.9")))
                .map(ProvisionedRange::name).contains("floor-3");
    }

    @Test
    void aRequestInFlightDuringASwapFinishesWithTheRangesItBeganWith() throws Exception {
        var yealink = ProvisioningProfiles.builtIn().get("yealink").orElseThrow();
        List<ProvisionedServer> ab = servers(A, B);
        List<ProvisionedServer> cb = servers(C, B);
        ProvisionedRange before = new ProvisionedRange("floor-1", List.of(IpRange.parse("127.73.1.0/24")), yealink,
                "provisioning:yealink", ab.get(0), ab.get(1));
        ProvisionedRange after = new ProvisionedRange("floor-1", List.of(IpRange.parse("127.73.1.0/24")), yealink,
                "provisioning:yealink", cb.get(0), cb.get(1));
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FileSource blocked = new FileSource() {
            @Override
            public Optional<byte[]> read(String fileName, String userAgent) {
                reading.countDown();
                try {
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.of(("#!version:1.0.0.1\naccount.1.user_name = 201\n"
                        + "account.1.sip_server.1.address = 127.73.0.10\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public String describe() {
                return "a source that answers when released";
            }
        };
        AtomicReference<ProvisionedRanges> served = new AtomicReference<>(ProvisionedRanges.of(List.of(before),
                blocked));
        ProvisioningRequests requests = new ProvisioningRequests(served::get, new ProvisioningLedger(),
                range -> Optional.empty(), TimeSource.system(), fetch -> { });
        InetAddress phone = InetAddress.getByName("127.73.1.7");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<ProvisioningRequests.Answer> inFlight = CompletableFuture.supplyAsync(
                    () -> requests.answer(phone, "GET", FILE, UA), threads);
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

            served.set(ProvisionedRanges.of(List.of(after), FileSource.NONE));
            ProvisioningRequests.Answer fresh = requests.answer(phone, "GET", FILE, UA);
            release.countDown();
            ProvisioningRequests.Answer old = inFlight.get(10, TimeUnit.SECONDS);

            assertThat(new String(old.body(), java.nio.charset.StandardCharsets.UTF_8)).as(old.reason())
                    .contains("account.1.sip_server.1.address = 127.73.0.10",
                            "account.1.sip_server.2.address = 127.73.0.11", "account.1.user_name = 201");
            assertThat(new String(fresh.body(), java.nio.charset.StandardCharsets.UTF_8)).as(fresh.reason())
                    .contains("account.1.sip_server.1.address = 127.73.0.12",
                            "account.1.sip_server.2.address = 127.73.0.11")
                    .doesNotContain("user_name = 201");
        }
    }
}
