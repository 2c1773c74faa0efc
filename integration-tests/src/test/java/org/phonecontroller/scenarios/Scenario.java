package org.phonecontroller.scenarios;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usual start of a fault scenario: a lab whose phones are all registered at pm-a, then a real daemon on it whose
 * inventory holds every phone of the lab. Closing stops the daemon (SIGTERM), then the lab.
 */
final class Scenario implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scenario.class);

    final ScenarioLab lab;
    final DaemonProcess daemon;

    private Scenario(ScenarioLab lab, DaemonProcess daemon) {
        this.lab = lab;
        this.daemon = daemon;
    }

    static Scenario start(Path folder, ControllerSetup setup, String prefix, String... phoneGroups) {
        return start(folder, setup, List.of(), prefix, phoneGroups);
    }

    /** As above, with the daemon and its {@code phonectl} commands run behind a command prefix (see DaemonProcess). */
    static Scenario start(Path folder, ControllerSetup setup, List<String> daemonCommandPrefix, String prefix,
                          String... phoneGroups) {
        ScenarioLab lab = ScenarioLab.start(prefix, phoneGroups);
        DaemonProcess daemon = null;
        try {
            lab.awaitEveryPhoneRegisteredAt("pm-a", Duration.ofSeconds(30));
            daemon = DaemonProcess.start(folder, setup, lab, daemonCommandPrefix);
            awaitDiscovery(daemon, lab.phoneCount(), setup.ranges().size());
            return new Scenario(lab, daemon);
        } catch (RuntimeException | Error e) {
            if (daemon != null) {
                daemon.close();
            }
            lab.close();
            throw e;
        }
    }

    /** Waits until every lab phone was discovered; a scan that missed some on a busy machine is run once more. */
    private static void awaitDiscovery(DaemonProcess daemon, int phones, int ranges) {
        EventsJournal events = daemon.events();
        await("the first scan of every range").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> events.count("SCAN_COMPLETED") >= ranges);
        if (events.count("PHONE_DISCOVERED") < phones) {
            LOG.warn("the first scans found {} of {} phones; scanning again", events.count("PHONE_DISCOVERED"), phones);
            daemon.phonectl("scan", "--wait");
        }
        await("discovery of all %d phones".formatted(phones)).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> events.count("PHONE_DISCOVERED") == phones);
    }

    EventsJournal events() {
        return daemon.events();
    }

    @Override
    public void close() {
        try {
            daemon.close();
        } finally {
            lab.close();
        }
    }
}
