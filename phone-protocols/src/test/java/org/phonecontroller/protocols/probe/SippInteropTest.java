package org.phonecontroller.protocols.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.Transport;
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
    void isDownWithTheStatusWhenSippAnswers503() throws Exception {
        InetAddress ip = Loopback.randomAddress();
        try (var sipp = Sipp.answeringOptions(ip, Loopback.freePort(ip), 503, "SIPp-test");
             var probe = new SipOptionsProbe(ProbeSettings.defaults())) {
            assertThat(probeUntilAnswered(sipp, probe)).isInstanceOfSatisfying(ProbeResult.Down.class,
                    d -> assertThat(d.detail()).startsWith("SIP 503"));
        }
    }
}
