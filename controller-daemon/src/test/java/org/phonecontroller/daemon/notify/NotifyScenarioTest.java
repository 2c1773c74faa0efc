package org.phonecontroller.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.runtime.Daemon;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.EventLog;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.testing.FakePhones;
import org.phonecontroller.daemon.testing.ScriptedProbe;
import org.phonecontroller.daemon.testing.ScriptedWorld;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * The whole daemon, its primary killed: every kind of receiver (command, webhook, email, SNMP trap, syslog) gets
 * the PhoneManager-, range- and controller-level events in the order of events.jsonl, while a webhook that never
 * answers holds its first event and nobody waits for it. Receivers: a script, the JDK's HTTP server, GreenMail,
 * snmptrapd, rsyslog. Addresses from 127.70.0.0/16.
 */
class NotifyScenarioTest {
    static final ServerAssignment ON_A = ServerAssignment.of(new ServerAddress("127.70.0.10", 5060),
            new ServerAddress("127.70.1.10", 5060));
    static final ServerAssignment ON_B = ServerAssignment.of(new ServerAddress("127.70.1.10", 5060),
            new ServerAddress("127.70.0.10", 5060));
    static final int PHONES = 8;

    @TempDir
    Path folder;
    final List<AutoCloseable> open = new ArrayList<>();
    final ScriptedProbe probe = new ScriptedProbe();
    final FakePhones phones = new FakePhones("sip-notify", TimeSource.system());
    Daemon daemon;
    WebhookServer dead;

    @AfterEach
    void stop() throws Exception {
        if (dead != null) {
            dead.close(); // released, it answers: the daemon's stop does not wait for it
        }
        if (daemon != null) {
            daemon.close();
        }
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    @Test
    void killingThePrimaryReachesEveryReceiverKindInOrderAndADeadOneDelaysNothing() throws Exception {
        for (String address : FakePhones.addresses("127.70.16.", PHONES)) {
            phones.add(address, ServerAssignment.of(new ServerAddress("127.70.0.10", 5060)));
        }
        WebhookServer webhook = opened(WebhookServer.answering("127.70.0.3", 200));
        dead = WebhookServer.hanging("127.70.0.3");
        SnmpTrapReceiver traps = opened(new SnmpTrapReceiver(folder, "127.70.0.2:16201", "scenario-community",
                "")).awaitStarted();
        SyslogReceiver rsyslog = opened(new SyslogReceiver(folder, "127.70.0.5", 16518, 16519));
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.70.0.4", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("pc", "scenario-mail"));
        mail.start();
        open.add(mail::stop);
        Path script = folder.resolve("record.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$PHONECONTROLLER_KIND\" >> " + folder.resolve("command.log")
                + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        ScriptedWorld.writeCredentials(folder, """
                default: { snmp: { version: 2c, community: "x" } }
                traps: { snmp: { version: 2c, community: "scenario-community" } }
                mail: { smtp: { user: pc, password: "scenario-mail" } }
                """);
        Path config = folder.resolve("controller.yaml");
        Files.writeString(config, """
                phoneManagers:
                  pm-a: { address: 127.70.0.10:5060, transport: udp, probe: sip-options }
                  pm-b: { address: 127.70.1.10:5060, transport: udp, probe: sip-options }
                ranges:
                  - name: floor-1
                    addresses: [127.70.16.1-127.70.16.%d]
                    primary: pm-a
                    fallback: pm-b
                    protocols: [snmp:sip-ua-generic]
                probe:    { interval: 20ms, timeout: 10ms, failuresToDown: 2, successesToUp: 2 }
                failover: { maxInFlight: 8, maxPerSecond: 2000, failback: manual }
                scan:     { ratePerSecond: 5000, timeout: 200ms, retries: 0 }
                storage:  { url: "jdbc:h2:file:%s" }
                credentialsFile: credentials.yaml
                notify:
                  - { webhook: "%s", timeout: 10m }
                  - { command: record.sh }
                  - { webhook: "%s" }
                  - { email: { smtp: "127.70.0.4:%d", from: "pc@example.org", to: [ops@example.org] }, credentials: mail }
                  - { snmpTrap: "127.70.0.2:16201", credentials: traps }
                  - { syslog: "tcp:127.70.0.5:16519" }
                """.formatted(PHONES, folder.resolve("data/pc"), dead.url(), webhook.url(),
                mail.getSmtp().getPort()));

        daemon = new ScriptedWorld(probe, phones, FakePhones.addresses("127.70.16.", PHONES))
                .start(config, folder.resolve("logs"));
        await().atMost(Duration.ofSeconds(20)).until(() -> daemon.inventory().ofRange("floor-1").size() == PHONES);
        await().until(() -> daemon.health().state("pm-a") == HealthState.UP);

        probe.answer("pm-a", ScriptedProbe.REFUSED);
        await().atMost(Duration.ofSeconds(30)).until(() -> phones.serversByPhone().values().stream()
                .allMatch(ON_B::equals));
        await().atMost(Duration.ofSeconds(10)).until(() -> logged().contains("FAILOVER_COMPLETED"));
        // the failover is over while the dead webhook still holds the first event: nothing waited for it
        assertThat(dead.bodies()).hasSize(1);
        assertThat(NotifierTest.kinds(dead.bodies())).containsExactly(logged().get(0));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> expected = logged();
            assertThat(NotifierTest.kinds(webhook.bodies())).as("webhook").containsExactlyElementsOf(expected);
            assertThat(Files.readAllLines(folder.resolve("command.log"))).as("command")
                    .containsExactlyElementsOf(expected);
            assertThat(Arrays.stream(mail.getReceivedMessages()).map(NotifyScenarioTest::kindOf).toList())
                    .as("email").containsExactlyElementsOf(expected);
            assertThat(traps.lines().stream().filter(l -> l.contains(".1.3.6.1.4.1.32473.1.1.1 = STRING:"))
                    .map(l -> l.replaceAll(".*\\.1\\.3\\.6\\.1\\.4\\.1\\.32473\\.1\\.1\\.1 = STRING: \"([A-Z_]+)\".*",
                            "$1")).toList()).as("snmpTrap").containsExactlyElementsOf(expected);
            assertThat(rsyslog.lines().stream().map(l -> l.split(" ")[2]).toList()).as("syslog")
                    .containsExactlyElementsOf(expected);
        });
        assertThat(logged()).contains("DAEMON_STARTED", "PHONE_MANAGER_DOWN", "FAILOVER_STARTED")
                .endsWith("FAILOVER_COMPLETED").doesNotContain("PHONE_REPROGRAMMED");
    }

    /** The default kinds in events.jsonl, in order, up to the first FAILOVER_COMPLETED. */
    List<String> logged() throws Exception {
        List<String> kinds = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("logs/events.jsonl"))) {
            EventKind kind = EventLog.parseLine(line).kind();
            if (Notifier.DEFAULT_KINDS.contains(kind)) {
                kinds.add(kind.name());
                if (kind == EventKind.FAILOVER_COMPLETED) {
                    break;
                }
            }
        }
        return kinds;
    }

    static String kindOf(MimeMessage m) {
        try {
            return m.getHeader("X-PhoneController-Kind")[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
