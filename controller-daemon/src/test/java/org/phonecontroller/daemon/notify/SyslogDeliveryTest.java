package org.phonecontroller.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.NotifyReceiver;
import org.phonecontroller.config.NotifyReceiver.SyslogTransport;

/** RFC 5424 messages as rsyslog, a syslog server nobody here wrote, reads them: over UDP and over TCP. */
class SyslogDeliveryTest {
    @TempDir
    Path folder;
    SyslogReceiver rsyslog;
    Notifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    @Test
    void rsyslogReadsTheEventsInOrderOverUdpAndTcp() throws Exception {
        rsyslog = new SyslogReceiver(folder, "127.70.0.5", 16514, 16515);
        // rsyslog listens a moment after it starts: a TCP receiver retries, UDP datagrams before that are lost
        NotifyReceiver tcp = new NotifyReceiver(new NotifyReceiver.Syslog(SyslogTransport.TCP, "127.70.0.5", 16515),
                Set.of(), Duration.ofSeconds(2), Optional.empty());
        notifier = new Notifier(List.of(tcp), Credentials.NONE, () -> NotifierTest.STATE,
                new RetryPolicy(20, Duration.ofMillis(100), Duration.ofMillis(200), 100));
        NotifierTest.failover().forEach(notifier);
        await().atMost(Duration.ofSeconds(15)).until(() -> rsyslog.lines().size() == 4);
        assertThat(rsyslog.lines()).containsExactly(
                "3.5 phonecontroller DAEMON_STARTED - \uFEFFconfiguration c.yaml",
                "3.3 phonecontroller PHONE_MANAGER_DOWN [phonecontroller@32473 phoneManager=\"pm-a\"] \uFEFF3 probes"
                        + " missed",
                "3.4 phonecontroller FAILOVER_STARTED [phonecontroller@32473 range=\"floor-1\"] \uFEFFto pm-b: "
                        + "primary pm-a DOWN",
                "3.4 phonecontroller FAILOVER_COMPLETED [phonecontroller@32473 range=\"floor-1\"] \uFEFF16 verified,"
                        + " 0 failed");

        NotifyReceiver udp = new NotifyReceiver(new NotifyReceiver.Syslog(SyslogTransport.UDP, "127.70.0.5", 16514),
                Set.of(), Duration.ofSeconds(2), Optional.empty());
        notifier.reconfigure(List.of(udp), Credentials.NONE);
        notifier.accept(org.phonecontroller.daemon.events.Event.general(Instant.EPOCH,
                org.phonecontroller.daemon.events.EventKind.CONTROLLER_ISOLATED, "no witness answers"));
        await().atMost(Duration.ofSeconds(10)).until(() -> rsyslog.lines().size() == 5);
        assertThat(rsyslog.lines().get(4)).isEqualTo("3.3 phonecontroller CONTROLLER_ISOLATED - \uFEFFno witness "
                + "answers");
    }
}
