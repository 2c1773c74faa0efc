package org.phonecontroller.protocols.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.testpeers.Loopback;
import org.phonecontroller.protocols.testpeers.ScriptedUdpPeer;

class SipDiscoveryAndNotifyTest {

    private static final SipParser PARSER = new SipParser();

    private final InetAddress phoneIp = Loopback.randomAddress();
    private final SipUdpClient client = SipUdpClient.open(InetAddress.getLoopbackAddress(), "PhoneController/test",
            SipIds.secure());
    private ScriptedUdpPeer phone;

    @AfterEach
    void close() throws Exception {
        client.close();
        if (phone != null) {
            phone.close();
        }
    }

    private void phone(int port, Function<SipRequest, SipResponse> answer) throws Exception {
        phone = new ScriptedUdpPeer(phoneIp, port, (data, from) -> {
            try {
                SipResponse r = answer.apply((SipRequest) PARSER.parseDatagram(data));
                return r == null ? List.of() : List.of(SipEncoder.encode(r));
            } catch (SipParseException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void identifiesAPhoneByTheUserAgentOfItsAnswerToOptions() throws Exception {
        phone(5060, r -> new SipResponse(200, "OK", SipResponses.reply(r, 200, "x").headers()
                .with("User-Agent", "Yealink SIP-T46S 66.86.0.15")));
        var discovery = new SipDiscovery(client, UserAgentTable.builtIn(), Duration.ofSeconds(2));
        assertThat(discovery.identify(phoneIp).get(5, TimeUnit.SECONDS)).contains(
                new PhoneIdentity(phoneIp, "sip", "Yealink", "T46S", "66.86.0.15", ""));
    }

    @Test
    void keepsAnUnknownAgentAsTheModelAndFindsNothingWhereNothingAnswers() throws Exception {
        phone(5060, r -> new SipResponse(405, "Method Not Allowed", SipResponses.reply(r, 405, "x").headers()
                .with("Server", "AcmePhone 1.0")));
        var discovery = new SipDiscovery(client, UserAgentTable.builtIn(), Duration.ofMillis(300));
        assertThat(discovery.identify(phoneIp).get(5, TimeUnit.SECONDS)).contains(
                new PhoneIdentity(phoneIp, "sip", "", "AcmePhone 1.0", "", ""));
        assertThat(discovery.identify(Loopback.randomAddress()).get(5, TimeUnit.SECONDS)).isEqualTo(Optional.empty());
    }

    @Test
    void aPhoneAcceptsCheckSyncWith200Or202AndOtherAnswersAreTypedFailures() throws Exception {
        int port = Loopback.freePort(phoneIp);
        var codes = new java.util.concurrent.ConcurrentLinkedQueue<>(List.of(202, 489, 403));
        phone(port, r -> {
            assertThat(r.method()).isEqualTo("NOTIFY");
            assertThat(r.header("Event")).contains("check-sync;reboot=false");
            Integer code = codes.poll();
            return code == null ? null : SipResponses.reply(r, code, "p");
        });
        var notifier = new SipNotifier(client, Duration.ofMillis(300));
        var target = new ServerAddress(phoneIp.getHostAddress(), port);
        assertThat(notifier.checkSync(target, false).get(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(SipNotifier.Result.Accepted.class, a -> assertThat(a.statusCode()).isEqualTo(202));
        assertThat(notifier.checkSync(target, false).get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(
                SipNotifier.Result.Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.ERROR_REPLY));
        assertThat(notifier.checkSync(target, false).get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(
                SipNotifier.Result.Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.AUTH_FAILED));
        assertThat(notifier.checkSync(target, false).get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(
                SipNotifier.Result.Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT));
    }
}
