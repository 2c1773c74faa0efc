package org.phonecontroller.daemon.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProbeSettings;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.daemon.adapters.ProbeFactory;
import org.phonecontroller.daemon.adapters.ProtocolFactory;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.runtime.ConfigReloader;
import org.phonecontroller.daemon.runtime.Daemon;
import org.phonecontroller.daemon.testing.ScriptedProbe;
import org.phonecontroller.daemon.testing.ScriptedSweep;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.http.HttpCredentials;
import org.slf4j.LoggerFactory;

/**
 * A reload through the daemon's own path (the file validated, a new runtime built aside, the old one drained, the
 * swap) changes what the provisioning server serves and what the new runtime's provisioning protocols push with; a
 * reload that cannot be built changes neither. Real HTTP on loopback (127.75.0.0/16); the PhoneManagers are scripted
 * probes and the discovery sweep finds nobody, so nothing else is sent.
 */
class ProvisioningReloadTest {

    private static final String SERVER = "127.75.0.1";
    private static final String UA = "Yealink SIP-T46U 108.86.0.20 80:5e:c0:d5:7d:72";
    private static final ServerAddress A = ServerAddress.parse("127.75.0.10:5060");
    private static final ServerAddress B = ServerAddress.parse("127.75.0.11:5060");
    private static final ServerAddress C = ServerAddress.parse("127.75.0.12:5060");
    private static final String PROVISIONED = "protocols: [\"provisioning:yealink\"]";

    @TempDir
    Path folder;
    private Path config;
    private int port;
    private final ScriptedProbe probe = new ScriptedProbe();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Daemon daemon;

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Provisioning.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        ((Logger) LoggerFactory.getLogger(Provisioning.class)).detachAppender(logs);
    }

    private void writeConfig(String listenHost, String extraPhoneManagers, String ranges) throws Exception {
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, "floor-3: { http: { user: u3, password: secret-3 } }\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        config = folder.resolve("controller.yaml");
        Files.writeString(config, """
                phoneManagers:
                  pm-a: { address: 127.75.0.10:5060, transport: udp, probe: sip-options }
                  pm-b: { address: 127.75.0.11:5060, transport: udp, probe: sip-options }
                  pm-c: { address: 127.75.0.12:5060, transport: udp, probe: sip-options }
                %s
                ranges:
                %s
                provisioning: { listen: %s:%d }
                probe:    { interval: 20ms, timeout: 10ms, failuresToDown: 2, successesToUp: 2 }
                scan:     { ratePerSecond: 5000, timeout: 200ms, retries: 0 }
                storage:  { url: "jdbc:h2:file:%s" }
                credentialsFile: credentials.yaml
                """.formatted(extraPhoneManagers, ranges, listenHost, port, folder.resolve("data/phonecontroller")));
    }

    /** A range of 127.75.BLOCK.0/24 failing over to pm-b; floor-3's NOTIFYs answer a digest with u3. */
    private static String range(String name, int block, String primary) {
        return "  - { name: " + name + ", addresses: [127.75." + block + ".0/24], primary: " + primary
                + ", fallback: pm-b, " + PROVISIONED + (name.equals("floor-3") ? ", credentials: floor-3" : "")
                + " }\n";
    }

    private void start() throws Exception {
        ProbeFactory probes = new ProbeFactory() {
            @Override
            public HealthProbe forPhoneManager(PhoneManagerConfig pm, ProbeSettings settings,
                                               org.phonecontroller.config.Credentials credentials) {
                if (pm.name().equals("pm-unbuildable")) {
                    throw new IllegalArgumentException("no probe can be made for " + pm.name());
                }
                return probe;
            }

            @Override
            public HealthProbe forWitnesses(ProbeSettings settings) {
                return probe;
            }
        };
        ProtocolFactory others = new ProtocolFactory() {
            @Override
            public List<PhoneProtocol> forRange(RangeConfig range, Optional<RangeCredentials> credentials,
                                                ControllerConfig config) {
                throw new IllegalStateException("only provisioning ranges here, not " + range.protocols());
            }

            @Override
            public org.phonecontroller.daemon.discovery.AddressSweep discoverySweep() {
                return new ScriptedSweep();
            }

            @Override
            public void close() {
            }
        };
        daemon = Daemon.start(new Daemon.Options(config, folder.resolve("logs"), probes, others,
                TimeSource.system(), Duration.ofMillis(100)));
        await().atMost(Duration.ofSeconds(5)).until(() -> List.of("pm-a", "pm-b", "pm-c").stream()
                .allMatch(pm -> daemon.health().state(pm) == HealthState.UP));
    }

    private LoopbackHttp.Reply fetch(String phone) throws Exception {
        return LoopbackHttp.get(phone, SERVER, port, "/805ec0d57d72.cfg", UA);
    }

    private void assertServed(String phone, ServerAddress first, ServerAddress second) throws Exception {
        LoopbackHttp.Reply reply = fetch(phone);
        assertThat(reply.status()).as(phone).isEqualTo(200);
        assertThat(reply.body()).as(phone).contains("account.1.sip_server.1.address = " + first.host(),
                "account.1.sip_server.2.address = " + second.host());
    }

    private List<ServerAddress> pushedWith(String range) {
        PhoneProtocol protocol = daemon.plan(range).orElseThrow().protocols().getFirst();
        assertThat(protocol).isInstanceOf(ProvisioningPhoneProtocol.class);
        return ((ProvisioningPhoneProtocol) protocol).rangeServers();
    }

    @Test
    void aReloadChangesTheServedRangesAndThePushesAndOneThatCannotBeBuiltChangesNothing() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName(SERVER))) {
            port = free.getLocalPort();
        }
        writeConfig(SERVER, "", range("floor-1", 1, "pm-a") + range("floor-2", 2, "pm-a"));
        start();
        assertServed("127.75.1.7", A, B);
        assertServed("127.75.2.7", A, B);
        assertThat(fetch("127.75.3.7").status()).isEqualTo(403);
        assertThat(pushedWith("floor-1")).containsExactly(A, B);

        // floor-1 moves to pm-c, floor-2 goes, floor-3 comes (with NOTIFY credentials); the listen address changes
        writeConfig("127.75.0.2", "", range("floor-1", 1, "pm-c") + range("floor-3", 3, "pm-a"));
        ConfigReloader.Outcome applied = daemon.reload();

        assertThat(applied).isInstanceOfSatisfying(ConfigReloader.Outcome.Applied.class, a -> assertThat(a.changes())
                .contains("range floor-1 changed", "range floor-3 added",
                        "provisioning listen/tls changed: takes effect at the next start")
                .anySatisfy(c -> assertThat(c).startsWith("range floor-2 removed")));
        assertServed("127.75.1.7", C, B);
        assertThat(fetch("127.75.2.7").status()).as("a removed range's phone").isEqualTo(403);
        assertServed("127.75.3.7", A, B);
        assertThat(pushedWith("floor-1")).containsExactly(C, B);
        assertThat(pushedWith("floor-3")).containsExactly(A, B);
        assertThat(daemon.provisioning().orElseThrow().served().credentials("floor-3"))
                .contains(new HttpCredentials("u3", "secret-3"));
        assertThat(logs.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("127.75.0.2:" + port, "takes effect at the next start",
                    "still listens on " + SERVER + ":" + port);
        });

        // valid on paper, but its new PhoneManager's probe cannot be made: nothing of it is served
        writeConfig("127.75.0.2", "  pm-unbuildable: { address: 127.75.0.13:5060, transport: udp, probe: sip-options }",
                range("floor-1", 1, "pm-a") + range("floor-3", 3, "pm-a") + range("floor-5", 5, "pm-unbuildable"));
        ConfigReloader.Outcome rejected = daemon.reload();

        assertThat(rejected).isInstanceOfSatisfying(ConfigReloader.Outcome.Rejected.class,
                r -> assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("pm-unbuildable")));
        assertServed("127.75.1.7", C, B);
        assertThat(fetch("127.75.5.7").status()).isEqualTo(403);
        assertThat(pushedWith("floor-1")).containsExactly(C, B);
        assertThat(daemon.provisioning().orElseThrow().ranges()).extracting(ProvisionedRange::name)
                .containsExactly("floor-1", "floor-3");
    }
}
