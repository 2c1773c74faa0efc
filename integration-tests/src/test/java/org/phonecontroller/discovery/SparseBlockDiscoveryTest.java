package org.phonecontroller.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.config.ConfigLoader;
import org.phonecontroller.daemon.runtime.Daemon;
import org.phonecontroller.daemon.adapters.DefaultProbeFactory;
import org.phonecontroller.daemon.adapters.DefaultProtocolFactory;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.EventLog;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.lab.AddressList;
import org.phonecontroller.lab.LabConfig;
import org.phonecontroller.lab.LabConfigLoader;
import org.phonecontroller.lab.LabViews;
import org.phonecontroller.lab.PhoneLab;
import org.phonecontroller.lab.SilentBlock;

/**
 * A scan and a failback of a sparse block with real silence: 48 lab phones (Polycom REST, reachable only over
 * HTTP, and Cisco SNMP) spread over 127.67.4.0/22, every other address of the block dropping every packet
 * ({@link SilentBlock}). The daemon finds exactly the phones (only they answer the sweep), fails them over, and
 * fails them back — pushing known phones while its rescan's sweep still runs.
 */
class SparseBlockDiscoveryTest {

    static final String BLOCK = "127.67.4.0/22";
    static final String PRIMARY = "127.67.0.10";
    static final String FALLBACK = "127.67.1.10";
    static final int PHONES = 48;

    @TempDir
    Path folder;
    final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void scansAndFailsBackASparseBlockWhereEmptyAddressesAreSilent() throws Exception {
        int httpPort = freeTcpPort();
        LabConfig labConfig = new LabConfigLoader().parse("sparse-lab.yaml", """
                seed: 67
                httpPort: %d
                timers: { registerExpires: 60s, registerTimeout: 2s, startupSpread: 300ms }
                phoneManagers: { pm-a: %s:5060, pm-b: %s:5060 }
                phones:
                  - { addresses: 127.67.4.0/23, count: 24, spread: true, vendor: polycom-rest, registeredTo: pm-a,
                      backup: pm-b, http: { user: Polycom, password: lab } }
                  - { addresses: 127.67.6.0/23, count: 24, spread: true, vendor: snmp-cisco-sip-ua,
                      registeredTo: pm-a, snmp: { community: lab } }
                """.formatted(httpPort, PRIMARY, FALLBACK));
        List<String> live = new ArrayList<>();
        labConfig.phones().forEach(g -> {
            for (int a : g.addresses().toArray()) {
                live.add(AddressList.format(a));
            }
        });
        resources.add(SilentBlock.dropAllBut(BLOCK, live));
        PhoneLab lab = PhoneLab.start(labConfig);
        resources.add(lab);
        Path config = writeConfig();
        var loaded = (ConfigLoadResult.Valid) new ConfigLoader().load(config);
        Daemon daemon = Daemon.start(new Daemon.Options(config, folder.resolve("logs"), new DefaultProbeFactory(),
                new DefaultProtocolFactory(loaded.config(), OptionalInt.of(httpPort)), TimeSource.system(),
                Duration.ofMillis(200)));
        resources.add(daemon);

        // The start-up scan: every address swept, only the phones answered, each one found.
        await().atMost(Duration.ofSeconds(60)).until(() -> events(EventKind.SCAN_COMPLETED).size() >= 1);
        assertThat(events(EventKind.SCAN_COMPLETED).get(0).detail())
                .contains("1024 address(es) swept", PHONES + " answered");
        // A phone whose identification timed out on a busy machine is found by the next scan.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (daemon.inventory().ofRange("sparse").size() < PHONES && !daemon.jobs().pending("scan-sparse")) {
                daemon.jobs().scanNow("sparse");
            }
            return daemon.inventory().ofRange("sparse").size() == PHONES;
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> daemon.health().state("pm-a") == HealthState.UP
                && daemon.health().state("pm-b") == HealthState.UP);
        lab.killPhoneManager("pm-a");
        awaitEveryPhoneOn(lab, FALLBACK);

        lab.restartPhoneManager("pm-a");
        await().atMost(Duration.ofSeconds(20)).until(() -> daemon.health().state("pm-a") == HealthState.UP);
        daemon.jobs().failback("sparse", false, "failback by the test");
        awaitEveryPhoneOn(lab, PRIMARY);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Event> sofar = allEvents();
            int started = sofar.stream().map(Event::kind).toList().indexOf(EventKind.FAILBACK_STARTED);
            return started >= 0 && sofar.subList(started, sofar.size()).stream()
                    .anyMatch(e -> e.kind() == EventKind.SCAN_COMPLETED);
        });

        // Known phones were pushed while the rescan's sweep of the silent block still ran.
        List<Event> all = allEvents();
        int failbackStarted = indexOf(all, EventKind.FAILBACK_STARTED, 0);
        int firstPushBack = indexOf(all, EventKind.PHONE_REPROGRAMMED, failbackStarted);
        int rescanEnded = indexOf(all, EventKind.SCAN_COMPLETED, failbackStarted);
        assertThat(firstPushBack).as("first phone pushed back before the rescan ended").isLessThan(rescanEnded);
        // Only the phones answered the rescan's sweep too; none was lost (a phone slow to answer its identification
        // on a busy machine misses one scan, and missedScansBeforeGone is 3).
        assertThat(all.get(rescanEnded).detail()).contains(PHONES + " answered", "0 gone");
        assertThat(daemon.inventory().ofRange("sparse")).hasSize(PHONES)
                .allSatisfy(p -> assertThat(p.presence().name()).isEqualTo("PRESENT"));
    }

    private static int indexOf(List<Event> events, EventKind kind, int from) {
        for (int i = from; i < events.size(); i++) {
            if (events.get(i).kind() == kind) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " after event " + from + " in " + events);
    }

    private List<Event> allEvents() throws IOException {
        Path file = folder.resolve("logs/events.jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(EventLog::parseLine).toList();
    }

    private List<Event> events(EventKind kind) throws IOException {
        return allEvents().stream().filter(e -> e.kind() == kind).toList();
    }

    private static void awaitEveryPhoneOn(PhoneLab lab, String server) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> lab.phones(
                        new LabViews.PhoneFilter(java.util.Optional.empty(), java.util.Optional.empty(),
                                java.util.Optional.empty(), Integer.MAX_VALUE)).stream()
                .filter(p -> !p.servers().isEmpty() && p.servers().get(0).startsWith(server + ":")).count()
                == PHONES);
    }

    private Path writeConfig() throws IOException {
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, """
                sparse: { http: { user: Polycom, password: lab }, snmp: { version: 2c, community: lab } }
                """);
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Path config = folder.resolve("controller.yaml");
        Files.writeString(config, """
                phoneManagers:
                  pm-a: { address: %s:5060, transport: udp, probe: sip-options }
                  pm-b: { address: %s:5060, transport: udp, probe: sip-options }
                ranges:
                  - { name: sparse, addresses: [%s], primary: pm-a, fallback: pm-b,
                      protocols: [polycom-rest, "snmp:cisco-sip-ua"], credentials: sparse }
                probe:    { interval: 200ms, timeout: 150ms, failuresToDown: 3, successesToUp: 3 }
                failover: { maxInFlight: 64, maxPerSecond: 1000, failback: manual }
                scan:     { ratePerSecond: 20000, timeout: 1s, retries: 1 }
                storage:  { url: "jdbc:h2:file:%s" }
                admin:    { listen: 127.0.0.1:%d, tokenFile: data/admin.token }
                credentialsFile: credentials.yaml
                """.formatted(PRIMARY, FALLBACK, BLOCK, folder.resolve("data/phonecontroller"), freeTcpPort()));
        return config;
    }

    private static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
