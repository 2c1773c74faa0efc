package org.phonecontroller.protocols.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;

class SipBuildersTest {

    private final SipRequests requests = new SipRequests(new ServerAddress("127.0.0.1", 40000), Transport.UDP,
            "PhoneController/test", new SipIds(new SplittableRandom(7)));
    private final SipParser parser = new SipParser();

    private SipMessage roundTrip(SipMessage m) throws SipParseException {
        return parser.parseDatagram(SipEncoder.encode(m));
    }

    @Test
    void optionsCarriesEverythingAServerNeedsToAnswer() throws Exception {
        SipRequest options = requests.options(new ServerAddress("127.20.0.10", 5060));
        SipMessage wire = roundTrip(options);
        assertThat(wire).isEqualTo(options);
        assertThat(((SipRequest) wire).requestUri()).isEqualTo("sip:127.20.0.10:5060");
        assertThat(wire.viaBranch()).hasValueSatisfying(b -> assertThat(b).startsWith("z9hG4bK").hasSize(23));
        assertThat(wire.topVia()).hasValueSatisfying(v -> assertThat(v).startsWith("SIP/2.0/UDP 127.0.0.1:40000;"));
        assertThat(wire.header("Max-Forwards")).contains("70");
        assertThat(wire.cseq()).contains(new CSeq(1, "OPTIONS"));
        assertThat(wire.fromTag()).isPresent();
        assertThat(wire.toTag()).isEmpty();
        assertThat(wire.callId()).hasValueSatisfying(c -> assertThat(c).hasSize(32));
        assertThat(wire.header("Content-Length")).contains("0");
        assertThat(wire.userAgent()).contains("PhoneController/test");
    }

    @Test
    void everyRequestGetsAFreshBranchAndCallId() {
        var target = new ServerAddress("127.0.0.2", 5060);
        SipRequest a = requests.options(target);
        SipRequest b = requests.options(target);
        assertThat(a.viaBranch()).isNotEqualTo(b.viaBranch());
        assertThat(a.callId()).isNotEqualTo(b.callId());
    }

    @Test
    void notifyCheckSyncAsksForReprovisioningWithoutReboot() throws Exception {
        SipMessage wire = roundTrip(requests.notifyCheckSync(new ServerAddress("127.20.16.5", 5060), false));
        assertThat(((SipRequest) wire).method()).isEqualTo("NOTIFY");
        assertThat(wire.header("Event")).contains("check-sync;reboot=false");
        assertThat(wire.eventPackage()).contains("check-sync");
        assertThat(wire.header("Subscription-State")).contains("terminated");
        assertThat(wire.contactUri()).contains("sip:127.0.0.1:40000");
        assertThat(wire.cseq()).contains(new CSeq(1, "NOTIFY"));
    }

    @Test
    void registerBindsTheContactForTheGivenTimeAndKeepsTheCallIdAcrossRefreshes() throws Exception {
        var registrar = new ServerAddress("127.20.0.10", 5060);
        String callId = requests.newCallId();
        SipMessage first = roundTrip(requests.register("1001", registrar, 3600, callId, 1));
        SipMessage refresh = roundTrip(requests.register("1001", registrar, 3600, callId, 2));
        assertThat(((SipRequest) first).requestUri()).isEqualTo("sip:127.20.0.10:5060");
        assertThat(first.header("To")).contains("<sip:1001@127.20.0.10:5060>");
        assertThat(first.header("From")).hasValueSatisfying(f -> assertThat(f).startsWith("<sip:1001@127.20.0.10:5060>;tag="));
        assertThat(first.contactUri()).contains("sip:1001@127.0.0.1:40000");
        assertThat(first.expires()).hasValue(3600);
        assertThat(refresh.callId()).isEqualTo(first.callId());
        assertThat(refresh.cseq()).contains(new CSeq(2, "REGISTER"));
    }

    @Test
    void aReplyCopiesTheTransactionHeadersAndTagsTheTo() throws Exception {
        SipRequest options = requests.options(new ServerAddress("127.0.0.2", 5060));
        SipResponse ok = SipResponses.reply(options, 200, "totag1");
        SipMessage wire = roundTrip(ok);
        assertThat(((SipResponse) wire).status()).isEqualTo("200 OK");
        assertThat(wire.viaBranch()).isEqualTo(options.viaBranch());
        assertThat(wire.callId()).isEqualTo(options.callId());
        assertThat(wire.cseq()).isEqualTo(options.cseq());
        assertThat(wire.fromTag()).isEqualTo(options.fromTag());
        assertThat(wire.toTag()).contains("totag1");
    }

    @Test
    void bracketsIpv6LiteralsInUris() {
        SipRequest options = new SipRequests(new ServerAddress("::1", 5070), Transport.TCP, "t",
                new SipIds(new SplittableRandom(1))).options(new ServerAddress("::1", 5060));
        assertThat(options.requestUri()).isEqualTo("sip:[::1]:5060");
        assertThat(options.topVia()).hasValueSatisfying(v -> assertThat(v).startsWith("SIP/2.0/TCP [::1]:5070;"));
    }
}
