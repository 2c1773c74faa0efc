package org.phonecontroller.protocols.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.sip.SipDiscovery;
import org.phonecontroller.protocols.sip.SipIds;
import org.phonecontroller.protocols.sip.SipUdpClient;
import org.phonecontroller.protocols.sip.UserAgentTable;
import org.phonecontroller.protocols.testpeers.Loopback;
import org.phonecontroller.protocols.testpeers.Sipp;

/** The OPTIONS probe against SIPp as a UAS. */
class SippInteropTest {

    private static ProbeResult probeUntilAnswered(Sipp sipp, SipOptionsProbe probe) {
        var endpoint = new Endpoint("sipp", sipp.address(), Transport.UDP);
        ProbeResult[] last = new ProbeResult[1];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .alias("SIPp answers; its output:\n" + sipp.output())
                .until(() -> {
                    last[0] = probe.probe(endpoint).get(3, TimeUnit.SECONDS);
                    return !(last[0] instanceof ProbeResult.Down d) || d.reason() == FailureReason.ERROR_REPLY;
                });
        return last[0];
    }

    @Test
    void isUpWhenSippAnswers200() throws Exception {
        InetAddress ip = Loopback.randomAddress();
        try (var sipp = Sipp.answeringOptions(ip, Loopback.freePort(ip), 200, "SIPp-test");
             var probe = new SipOptionsProbe(ProbeSettings.defaults())) {
            assertThat(probeUntilAnswered(sipp, probe)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void discoveryNamesAPhoneFromTheServerHeaderOfSippsAnswer() throws Exception {
        InetAddress ip = Loopback.randomAddress();
        int port = Loopback.freePort(ip);
        try (var sipp = Sipp.answeringOptions(ip, port, 200, "Yealink SIP-T46S 66.86.0.15");
             var probe = new SipOptionsProbe(ProbeSettings.defaults());
             var client = SipUdpClient.open(InetAddress.getLoopbackAddress(), "PhoneController/test",
                     SipIds.secure())) {
            probeUntilAnswered(sipp, probe);
            var discovery = new SipDiscovery(client, UserAgentTable.builtIn(), Duration.ofSeconds(2), port);
            assertThat(discovery.identify(ip).get(5, TimeUnit.SECONDS)).contains(
                    new PhoneIdentity(ip, "sip", "Yealink", "T46S", "66.86.0.15", ""));
        }
    }

    @Test
    void isDownWithTheStatusWhenSippAnswers503() throws Exception {
        InetAddress ip = Loopback.randomAddress();
        try (var sipp = Sipp.answeringOptions(ip, Loopback.freePort(ip), 503, "SIPp-test");
             var probe = new SipOptionsProbe(ProbeSettings.defaults())) {
            assertThat(probeUntilAnswered(sipp, probe)).isInstanceOfSatisfying(ProbeResult.Down.class,
                    d -> assertThat(d.detail()).startsWith("SIP 503"));
        }
    }
}
