package org.phonecontroller.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.lab.Ports;
import org.phonecontroller.protocols.testpeers.ExternalPeer;
import org.phonecontroller.protocols.testpeers.Kamailio;

/**
 * The acceptance check of issue #5, with real processes only: the daemon ({@code phonectl daemon}, from the built
 * classpath), two Kamailio registrars as primary and fallback PhoneManagers, and net-snmp agents as phones
 * (CISCO-SIP-UA-MIB through pass_persist, SNMPv3 authPriv). Kill the primary: every phone gets the fallback written;
 * restart it: nothing moves back by itself; {@code phonectl failback --all --wait} brings every phone back.
 */
class FailoverAcceptanceTest {

    static final int PHONES = 4;

    @TempDir
    Path folder;
    final List<ExternalPeer> peers = new ArrayList<>();
    final List<SnmpdPhone> phones = new ArrayList<>();
    Process daemon;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        peers.forEach(ExternalPeer::close);
    }

    @Test
    void killingThePrimaryMovesEveryPhoneToTheFallbackAndFailbackBringsThemBack() throws Exception {
        String primaryHost = "127.45.10.10";
        String fallbackHost = "127.45.11.10";
        int primaryPort = Ports.freeUdpAndTcp(primaryHost);
        int fallbackPort = Ports.freeUdpAndTcp(fallbackHost);
        Kamailio primary = started(Kamailio.start(InetAddress.getByName(primaryHost), primaryPort));
        started(Kamailio.start(InetAddress.getByName(fallbackHost), fallbackPort));
        String onPrimary = "ipv4:" + primaryHost + ":" + primaryPort;
        String onFallback = "ipv4:" + fallbackHost + ":" + fallbackPort;
        for (int i = 1; i <= PHONES; i++) {
            phones.add(started(SnmpdPhone.start("127.45.20." + i, folder, primaryHost + ":" + primaryPort,
                    fallbackHost + ":" + fallbackPort)));
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .alias("Kamailio answers OPTIONS; its output:\n" + primary.output())
                .until(() -> Cli.phonectl("probe", primary.address().toString()).exitCode() == 0);
        Path config = writeConfig(primaryHost + ":" + primaryPort, fallbackHost + ":" + fallbackPort);

        daemon = startDaemon(config);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .alias("the daemon discovers every phone; its output:\n" + daemonOutput())
                .until(() -> events("PHONE_DISCOVERED").size() == PHONES && daemon.isAlive());

        primary.kill();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .alias("every phone gets the fallback written")
                .until(() -> registrars().stream().allMatch(onFallback::equals));

        Kamailio restarted = started(Kamailio.start(InetAddress.getByName(primaryHost), primaryPort));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .alias("the daemon sees the restarted primary UP; its output:\n" + restarted.output())
                .until(() -> primaryUpAfterItsDown());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(500))
                .alias("nothing moves back by itself (failback: manual)")
                .until(() -> registrars().stream().allMatch(onFallback::equals));

        Cli failback = Cli.phonectl("failback", "--all", "--wait", "--config", config.toString());

        assertThat(failback.exitCode()).as(failback.toString()).isZero();
        assertThat(registrars()).as("the first registrar of every phone, read with snmpget")
                .hasSize(PHONES).allMatch(onPrimary::equals);
    }

    private <T extends ExternalPeer> T started(T peer) {
        peers.add(peer);
        return peer;
    }

    private List<String> registrars() throws IOException, InterruptedException {
        List<String> values = new ArrayList<>();
        for (SnmpdPhone phone : phones) {
            values.add(phone.primaryRegistrar());
        }
        return values;
    }

    private Path writeConfig(String primary, String fallback) throws IOException {
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, SnmpdPhone.credentials("desk"));
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Path config = folder.resolve("controller.yaml");
        Files.writeString(config, """
                phoneManagers:
                  pm-a: { address: %s, transport: udp, probe: sip-options }
                  pm-b: { address: %s, transport: udp, probe: sip-options }
                ranges:
                  - { name: desk, addresses: [127.45.20.0/28], primary: pm-a, fallback: pm-b,
                      protocols: ["snmp:cisco-sip-ua"], credentials: desk }
                probe:    { interval: 200ms, timeout: 150ms, failuresToDown: 3, successesToUp: 3 }
                failover: { maxInFlight: 8, maxPerSecond: 50, failback: manual }
                scan:     { ratePerSecond: 500, timeout: 1s, retries: 1 }
                storage:  { url: "jdbc:h2:file:%s" }
                admin:    { listen: 127.0.0.1:%d, tokenFile: data/admin.token }
                credentialsFile: credentials.yaml
                """.formatted(primary, fallback, folder.resolve("data/phonecontroller"), Ports.freeTcp()));
        return config;
    }

    /** {@code phonectl daemon} as its own process, from this test's classpath (as DaemonCrashTest starts it). */
    private Process startDaemon(Path config) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, "org.phonecontroller.daemon.cli.Phonectl",
                "daemon", "--config", config.toString(), "--logs", folder.resolve("logs").toString())
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("daemon.out").toFile()).start();
    }

    private String daemonOutput() {
        try {
            return Files.readString(folder.resolve("daemon.out"));
        } catch (IOException e) {
            return "(none: " + e + ")";
        }
    }

    private List<String> events(String kind) throws IOException {
        Path file = folder.resolve("logs/events.jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.contains("\"kind\":\"" + kind + "\"")).toList();
        }
    }

    /** A PHONE_MANAGER_UP of pm-a written after its PHONE_MANAGER_DOWN. */
    private boolean primaryUpAfterItsDown() throws IOException {
        Path file = folder.resolve("logs/events.jsonl");
        List<String> lines = Files.readAllLines(file);
        int down = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("\"phoneManager\":\"pm-a\"")) {
                if (line.contains("\"kind\":\"PHONE_MANAGER_DOWN\"")) {
                    down = i;
                } else if (down >= 0 && line.contains("\"kind\":\"PHONE_MANAGER_UP\"")) {
                    return true;
                }
            }
        }
        return false;
    }
}
