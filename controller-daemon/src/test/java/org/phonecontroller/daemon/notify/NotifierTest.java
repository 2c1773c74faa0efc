package org.phonecontroller.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.HttpCredentials;
import org.phonecontroller.config.NotifyReceiver;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.config.SnmpCredentials;
import org.phonecontroller.config.internal.NotifyReader;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;

/**
 * The notifier against receivers nobody here wrote: net-snmp's snmptrapd, GreenMail's SMTP server, the JDK's HTTP
 * server as webhooks (answering 200, 500, or never), a shell script. Addresses from 127.70.0.0/16.
 */
class NotifierTest {
    static final List<EventKind> DEFAULT_SEQUENCE = List.of(EventKind.DAEMON_STARTED, EventKind.PHONE_MANAGER_DOWN,
            EventKind.FAILOVER_STARTED, EventKind.FAILOVER_COMPLETED);
    static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(50), 1000);
    static final ControllerSnapshot STATE = new ControllerSnapshot(
            List.of(new ControllerSnapshot.PhoneManager("pm-a", "UP", Instant.EPOCH)),
            List.of(new ControllerSnapshot.Range("floor-1", "PRIMARY", "initial", Instant.EPOCH)));

    @TempDir
    Path folder;
    final List<AutoCloseable> open = new ArrayList<>();
    Notifier notifier;

    @BeforeEach
    void none() {
        notifier = null;
    }

    @AfterEach
    void close() throws Exception {
        // the receivers first: a hanging webhook released answers at once, so the notifier stops without waiting
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        if (notifier != null) {
            notifier.close();
        }
    }

    <T extends AutoCloseable> T opened(T closeable) {
        open.add(closeable);
        return closeable;
    }

    static NotifyReceiver receiver(NotifyReceiver.Destination d, Duration timeout, String credentials) {
        return new NotifyReceiver(d, Set.of(), timeout, Optional.ofNullable(credentials));
    }

    /** The failover of one range as the daemon writes it: a per-phone event in the middle. */
    static List<Event> failover() {
        Instant t = Instant.parse("2026-12-07T05:00:00Z");
        return List.of(
                Event.general(t, EventKind.DAEMON_STARTED, "configuration c.yaml"),
                Event.ofPhoneManager(t.plusSeconds(1), EventKind.PHONE_MANAGER_DOWN, "pm-a", "3 probes missed"),
                Event.ofRange(t.plusSeconds(2), EventKind.FAILOVER_STARTED, "floor-1", "to pm-b: primary pm-a DOWN"),
                Event.ofPhone(t.plusSeconds(3), EventKind.PHONE_REPROGRAMMED, "floor-1", "127.70.16.7", "pm-b", "ok"),
                Event.ofRange(t.plusSeconds(4), EventKind.FAILOVER_COMPLETED, "floor-1", "16 verified, 0 failed"));
    }

    Path recordingScript() throws Exception {
        Path script = folder.resolve("record.sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s %s\\n' \"$PHONECONTROLLER_KIND\" \"$(cat)\" >> "
                + folder.resolve("command.log") + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    List<String> commandKinds() throws Exception {
        Path log = folder.resolve("command.log");
        return Files.exists(log) ? Files.readAllLines(log).stream().map(l -> l.split(" ", 2)[0]).toList() : List.of();
    }

    static List<String> kinds(List<String> jsonBodies) {
        ObjectMapper json = new ObjectMapper();
        return jsonBodies.stream().map(b -> {
            try {
                return json.readTree(b).get("kind").asText();
            } catch (Exception e) {
                throw new IllegalStateException(b, e);
            }
        }).toList();
    }

    static List<String> names(List<EventKind> kinds) {
        return kinds.stream().map(EventKind::name).toList();
    }

    @Test
    void everyReceiverGetsTheFailoverInOrderWhileAnotherAnswers500HangsOrIsAbsent() throws Exception {
        WebhookServer good = opened(WebhookServer.answering("127.70.0.3", 204));
        WebhookServer failing = opened(WebhookServer.answering("127.70.0.3", 500));
        WebhookServer hanging = opened(WebhookServer.hanging("127.70.0.3"));
        URI absent;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.70.0.3", 0));
            absent = URI.create("http://127.70.0.3:" + s.getLocalPort() + "/gone");
        }
        SnmpTrapReceiver traps = opened(new SnmpTrapReceiver(folder, "127.70.0.2:16200", "trap-community", ""))
                .awaitStarted();
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.70.0.4", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("pc", "mail-password"));
        mail.start();
        open.add(mail::stop);
        Credentials credentials = new Credentials(Map.of(
                "hooks", new RangeCredentials(Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of("hook-token")),
                "mail", new RangeCredentials(Optional.empty(), Optional.empty(),
                        Optional.of(new HttpCredentials("pc", "mail-password")), Optional.empty()),
                "traps", new RangeCredentials(Optional.of(new SnmpCredentials.V2c("trap-community")),
                        Optional.empty())), Optional.empty());
        Duration timeout = Duration.ofSeconds(5);
        notifier = new Notifier(List.of(
                receiver(new NotifyReceiver.Webhook(hanging.url()), Duration.ofMinutes(5), null),
                receiver(new NotifyReceiver.Webhook(failing.url()), timeout, null),
                receiver(new NotifyReceiver.Webhook(absent), timeout, null),
                receiver(new NotifyReceiver.Webhook(good.url()), timeout, "hooks"),
                receiver(new NotifyReceiver.Command(recordingScript()), timeout, null),
                receiver(new NotifyReceiver.SnmpTrap("127.70.0.2", 16200, NotifyReceiver.DEFAULT_ENTERPRISE),
                        timeout, "traps"),
                receiver(new NotifyReceiver.Email("127.70.0.4", mail.getSmtp().getPort(),
                        NotifyReceiver.MailSecurity.NONE, "pc@example.org", List.of("ops@example.org")), timeout,
                        "mail")), credentials, () -> STATE, FAST);

        failover().forEach(notifier);

        List<String> expected = names(DEFAULT_SEQUENCE);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(kinds(good.bodies())).containsExactlyElementsOf(expected);
            assertThat(commandKinds()).containsExactlyElementsOf(expected);
            assertThat(traps.text()).contains("FAILOVER_COMPLETED");
            assertThat(mail.getReceivedMessages()).hasSize(4);
        });
        // the hanging webhook holds its first event for minutes: nobody else waited for it
        assertThat(hanging.bodies()).hasSize(1);
        assertThat(notifier.stats().get("webhook " + hanging.url()).waiting()).isEqualTo(4);
        assertThat(good.authorizations()).containsOnly("Bearer hook-token");
        assertThat(new ObjectMapper().readTree(good.bodies().get(0)).at("/state/phoneManagers/pm-a/state").asText())
                .isEqualTo("UP");
        await().untilAsserted(() -> {
            assertThat(notifier.stats().get("webhook " + failing.url()).failed()).isEqualTo(4);
            assertThat(notifier.stats().get("webhook " + absent).failed()).isEqualTo(4);
        });
        assertThat(failing.bodies()).hasSize(8); // 2 attempts each: a 500 is retried

        List<String> trapKinds = traps.lines().stream().filter(l -> l.contains(".1.3.6.1.4.1.32473.1.0.1"))
                .map(l -> l.replaceAll(".*\\.1\\.3\\.6\\.1\\.4\\.1\\.32473\\.1\\.1\\.1 = STRING: \"([A-Z_]+)\".*", "$1"))
                .toList();
        assertThat(trapKinds).containsExactlyElementsOf(expected);
        assertThat(traps.text()).contains(".1.3.6.1.4.1.32473.1.1.5 = STRING: \"pm-a\"",
                ".1.3.6.1.4.1.32473.1.1.3 = STRING: \"floor-1\"");

        MimeMessage[] mails = mail.getReceivedMessages();
        assertThat(mails).extracting(MimeMessage::getSubject).containsExactly(
                "[PhoneController] DAEMON_STARTED",
                "[PhoneController] PHONE_MANAGER_DOWN pm-a",
                "[PhoneController] FAILOVER_STARTED range floor-1",
                "[PhoneController] FAILOVER_COMPLETED range floor-1");
        assertThat((String) mails[1].getContent()).contains("PhoneManager:  pm-a", "Detail:        3 probes missed");
        assertThat((String) mails[0].getContent()).contains("PhoneManager pm-a: UP", "Range floor-1: on PRIMARY");
    }

    @Test
    void anSnmpV3InformIsAcknowledgedBySnmptrapdAndAWrongPasswordIsAFailedDelivery() throws Exception {
        SnmpTrapReceiver traps = opened(new SnmpTrapReceiver(folder, "127.70.0.2:16202", "unused-community",
                "createUser pcuser SHA-256 \"inform-auth-1\" AES \"inform-priv-1\"\nauthUser log pcuser"))
                .awaitStarted();
        NotifyReceiver.SnmpTrap at = new NotifyReceiver.SnmpTrap("127.70.0.2", 16202,
                NotifyReceiver.DEFAULT_ENTERPRISE);
        NotifyReceiver good = receiver(at, Duration.ofSeconds(3), "good");
        NotifyReceiver wrong = new NotifyReceiver(at, Set.of(), Duration.ofSeconds(1), Optional.of("wrong"));
        Credentials credentials = new Credentials(Map.of(
                "good", new RangeCredentials(Optional.of(new SnmpCredentials.V3("pcuser",
                        SnmpCredentials.AuthProtocol.SHA_256, Optional.of("inform-auth-1"),
                        SnmpCredentials.PrivProtocol.AES_128, Optional.of("inform-priv-1"))), Optional.empty()),
                "wrong", new RangeCredentials(Optional.of(new SnmpCredentials.V3("pcuser",
                        SnmpCredentials.AuthProtocol.SHA_256, Optional.of("not-the-password"),
                        SnmpCredentials.PrivProtocol.AES_128, Optional.of("inform-priv-1"))), Optional.empty())),
                Optional.empty());
        notifier = new Notifier(List.of(good), credentials, () -> STATE, FAST);
        notifier.accept(failover().get(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(traps.text()).contains(".1.3.6.1.4.1.32473.1.1.1 = STRING: \"PHONE_MANAGER_DOWN\"");
            assertThat(notifier.stats().get(good.name()).delivered()).isEqualTo(1);
        });

        notifier.close();
        notifier = new Notifier(List.of(wrong), credentials, () -> STATE, FAST);
        notifier.accept(failover().get(2));
        await().atMost(Duration.ofSeconds(15)).until(() -> notifier.stats().get(wrong.name()).failed() == 1);
        assertThat(traps.text()).doesNotContain("FAILOVER_STARTED");
    }

    @Test
    void anEmailReceiverWithStarttlsNeverFallsBackToPlainText() throws Exception {
        // GreenMail's SMTP server offers no STARTTLS: the mail must not go out in the clear
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.70.0.4", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        open.add(mail::stop);
        NotifyReceiver email = receiver(new NotifyReceiver.Email("127.70.0.4", mail.getSmtp().getPort(),
                NotifyReceiver.MailSecurity.STARTTLS, "pc@example.org", List.of("ops@example.org")),
                Duration.ofSeconds(5), null);
        notifier = new Notifier(List.of(email), Credentials.NONE, () -> STATE, FAST);
        notifier.accept(failover().get(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> notifier.stats().get(email.name()).failed() == 1);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aReloadKeepsTheQueueOfAnUnchangedReceiverAndStartsANewOneWithTheNextEvent() throws Exception {
        WebhookServer hanging = opened(WebhookServer.hanging("127.70.0.3"));
        WebhookServer added = opened(WebhookServer.answering("127.70.0.3", 200));
        NotifyReceiver slow = receiver(new NotifyReceiver.Webhook(hanging.url()), Duration.ofMinutes(5), null);
        notifier = new Notifier(List.of(slow), Credentials.NONE, () -> STATE, FAST);
        List<Event> events = failover();
        events.subList(0, 3).forEach(notifier);
        await().until(() -> hanging.bodies().size() == 1);
        assertThat(notifier.stats().get(slow.name()).waiting()).isEqualTo(3);

        NotifyReceiver fresh = receiver(new NotifyReceiver.Webhook(added.url()), Duration.ofSeconds(5), null);
        notifier.reconfigure(List.of(receiver(new NotifyReceiver.Webhook(hanging.url()), Duration.ofMinutes(5),
                null), fresh), Credentials.NONE);
        notifier.accept(events.get(4));

        await().until(() -> added.bodies().size() == 1);
        assertThat(kinds(added.bodies())).containsExactly("FAILOVER_COMPLETED");
        assertThat(notifier.stats().get(slow.name()).waiting()).isEqualTo(4);

        notifier.reconfigure(List.of(fresh), Credentials.NONE);
        assertThat(notifier.stats()).containsOnlyKeys(fresh.name());
    }

    @Test
    void aReceiverFarBehindDropsItsOldestEventsAndNoOtherReceiverLosesOne() throws Exception {
        WebhookServer hanging = opened(WebhookServer.hanging("127.70.0.3"));
        WebhookServer good = opened(WebhookServer.answering("127.70.0.3", 200));
        NotifyReceiver slow = receiver(new NotifyReceiver.Webhook(hanging.url()), Duration.ofMinutes(5), null);
        notifier = new Notifier(List.of(slow, receiver(new NotifyReceiver.Webhook(good.url()),
                Duration.ofSeconds(5), null)), Credentials.NONE, () -> STATE, new RetryPolicy(1, Duration.ZERO,
                Duration.ZERO, 3));
        notifier.accept(Event.general(Instant.EPOCH, EventKind.CONFIG_APPLIED, "first"));
        await().until(() -> hanging.bodies().size() == 1);
        for (int i = 0; i < 10; i++) {
            notifier.accept(Event.general(Instant.EPOCH.plusSeconds(i), EventKind.CONFIG_APPLIED, "n" + i));
            int sent = i + 2;
            await().until(() -> good.bodies().size() == sent); // the good one keeps up, one event at a time
        }
        Notifier.ReceiverStats stats = notifier.stats().get(slow.name());
        assertThat(stats.dropped()).isEqualTo(7);
        assertThat(stats.waiting()).isEqualTo(4); // the one in flight and the 3 newest
    }

    @Test
    void aCommandThatFailsOrOutlivesItsTimeoutIsLoggedAndTheNextEventStillRuns() throws Exception {
        Path script = folder.resolve("slow.sh");
        Files.writeString(script, "#!/bin/sh\ncase \"$PHONECONTROLLER_DETAIL\" in\n  slow) sleep 30 ;;\n"
                + "  fail) echo 'no route to pager' >&2; exit 3 ;;\n  *) cat > " + folder.resolve("ok.json") + " ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        notifier = new Notifier(List.of(receiver(new NotifyReceiver.Command(script), Duration.ofMillis(500), null)),
                Credentials.NONE, () -> STATE, FAST);
        notifier.accept(Event.general(Instant.EPOCH, EventKind.CONFIG_APPLIED, "slow"));
        notifier.accept(Event.general(Instant.EPOCH, EventKind.CONFIG_APPLIED, "fail"));
        notifier.accept(Event.ofRange(Instant.EPOCH, EventKind.FAILOVER_STARTED, "floor-1", "fine"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(folder.resolve("ok.json"))
                && Files.size(folder.resolve("ok.json")) > 0);
        assertThat(Files.readString(folder.resolve("ok.json"))).contains("\"kind\":\"FAILOVER_STARTED\"",
                "\"range\":\"floor-1\"", "\"phone\":null");
        assertThat(notifier.stats().values()).singleElement().satisfies(s -> assertThat(s.failed()).isEqualTo(2));
    }

    @Test
    void theDefaultKindsAreEveryKindExceptThePerPhoneOnesAndTheConfigurationKnowsEveryKind() {
        assertThat(NotifyReader.KINDS).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(EventKind.values()).map(EventKind::name).toList());
        assertThat(Notifier.DEFAULT_KINDS).doesNotContain(EventKind.PHONE_REPROGRAMMED, EventKind.PHONE_FAILED,
                EventKind.PHONE_DEFERRED_BUSY, EventKind.PHONE_DISCOVERED, EventKind.PHONE_GONE)
                .contains(EventKind.DAEMON_STARTED, EventKind.PHONE_MANAGER_DOWN, EventKind.FAILOVER_STARTED,
                        EventKind.FAILOVER_COMPLETED, EventKind.CONTROLLER_ISOLATED, EventKind.CONFIG_REJECTED);
    }
}
