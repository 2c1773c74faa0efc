package org.phonecontroller.protocols.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.sip.SipParseException.Reason;

class SipParserTest {

    private final SipParser parser = new SipParser();

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private SipMessage parse(String s) throws SipParseException {
        return parser.parseDatagram(bytes(s));
    }

    private Reason failure(String s) {
        try {
            parser.parseDatagram(bytes(s));
        } catch (SipParseException e) {
            return e.reason();
        }
        throw new AssertionError("parsed although it should not: " + s);
    }

    @Test
    void readsAKamailioReplyToOptions() throws Exception {
        SipMessage m = parse("""
                SIP/2.0 200 OK\r
                Via: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK776asdhds;rport=40000\r
                From: <sip:phonecontroller@127.0.0.1:40000>;tag=1928301774\r
                To: <sip:127.20.0.10:5060>;tag=a6c85cf\r
                Call-ID: a84b4c76e66710@127.0.0.1\r
                CSeq: 1 OPTIONS\r
                Server: kamailio (5.8.4 (x86_64/linux))\r
                Content-Length: 0\r
                \r
                """);
        assertThat(m).isInstanceOfSatisfying(SipResponse.class, r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.reasonPhrase()).isEqualTo("OK");
            assertThat(r.isSuccess()).isTrue();
        });
        assertThat(m.viaBranch()).contains("z9hG4bK776asdhds");
        assertThat(m.callId()).contains("a84b4c76e66710@127.0.0.1");
        assertThat(m.cseq()).contains(new CSeq(1, "OPTIONS"));
        assertThat(m.fromTag()).contains("1928301774");
        assertThat(m.toTag()).contains("a6c85cf");
        assertThat(m.userAgent()).contains("kamailio (5.8.4 (x86_64/linux))");
        assertThat(m.body()).isEmpty();
    }

    @Test
    void readsARegisterFromAPolycomPhone() throws Exception {
        SipMessage m = parse("""
                REGISTER sip:127.20.0.10 SIP/2.0\r
                Via: SIP/2.0/UDP 127.20.16.5:5060;branch=z9hG4bK2f1c6b8d;rport\r
                From: "1001" <sip:1001@127.20.0.10>;tag=6A1B0A0C-7C2D1E3F\r
                To: <sip:1001@127.20.0.10>\r
                CSeq: 2 REGISTER\r
                Call-ID: 9c3b5d1e-b1b2c3d4-e5f6a7b8\r
                Contact: <sip:1001@127.20.16.5:5060;transport=udp>;methods="INVITE, ACK, BYE, CANCEL, OPTIONS"\r
                User-Agent: PolycomVVX-VVX_450-UA/6.4.3.5018\r
                Max-Forwards: 70\r
                Expires: 3600\r
                Content-Length: 0\r
                \r
                """);
        assertThat(m).isInstanceOfSatisfying(SipRequest.class, r -> {
            assertThat(r.method()).isEqualTo("REGISTER");
            assertThat(r.requestUri()).isEqualTo("sip:127.20.0.10");
        });
        assertThat(m.contactUri()).contains("sip:1001@127.20.16.5:5060;transport=udp");
        assertThat(m.headers().values("Contact")).hasSize(1); // the comma inside the quotes does not split
        assertThat(m.expires()).isEqualTo(OptionalInt.of(3600));
        assertThat(m.userAgent()).contains("PolycomVVX-VVX_450-UA/6.4.3.5018");
        assertThat(m.fromTag()).contains("6A1B0A0C-7C2D1E3F");
        assertThat(m.toTag()).isEmpty();
    }

    @Test
    void expandsCompactFormsAndAnyCaseToLongNames() throws Exception {
        // RFC 4475 3.1.1.1 uses compact forms and odd case throughout.
        SipMessage m = parse("""
                NOTIFY sip:phone@127.0.0.5 SIP/2.0\r
                v: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKkdjuw\r
                f: <sip:pc@127.0.0.1>;tag=abc\r
                t: <sip:phone@127.0.0.5>\r
                i: compact-1@127.0.0.1\r
                cSeQ: 7 NOTIFY\r
                m: <sip:pc@127.0.0.1>\r
                o: check-sync;reboot=false\r
                k: timer\r
                MAX-forwards: 70\r
                l: 0\r
                \r
                """);
        assertThat(m.headers().fields()).extracting(SipHeader::name).containsExactly(
                "Via", "From", "To", "Call-ID", "CSeq", "Contact", "Event", "Supported", "Max-Forwards",
                "Content-Length");
        assertThat(m.header("call-id")).contains("compact-1@127.0.0.1");
        assertThat(m.header("I")).contains("compact-1@127.0.0.1");
        assertThat(m.cseq()).contains(new CSeq(7, "NOTIFY"));
        assertThat(m.eventPackage()).contains("check-sync");
        assertThat(HeaderValues.parameter(m.header("Event").orElseThrow(), "reboot")).contains("false");
    }

    @Test
    void unfoldsContinuationLinesAndToleratesWhiteSpaceAroundTheColon() throws Exception {
        // RFC 4475 3.1.1.1 (wsinv) and 3.1.1.3 (lwsdisp): folded values, tabs, spaces before the colon.
        SipMessage m = parse("""
                OPTIONS sip:127.0.0.9 SIP/2.0\r
                Via  :  SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r
                Subject\t:\r
                 lws-test\r
                \tcontinued here\r
                Call-ID: fold@x\r
                CSeq: 1 OPTIONS\r
                Content-Length: 0\r
                \r
                """);
        assertThat(m.header("Subject")).contains("lws-test continued here");
        assertThat(m.viaBranch()).contains("z9hG4bK1");
    }

    @Test
    void splitsViaListsAndReadsTheTopmostBranch() throws Exception {
        SipMessage m = parse("""
                SIP/2.0 200 OK\r
                Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKtop, SIP/2.0/UDP 127.0.0.2;branch=z9hG4bKsecond\r
                v: SIP/2.0/TCP 127.0.0.3;branch=z9hG4bKthird\r
                Content-Length: 0\r
                \r
                """);
        assertThat(m.headers().values("Via")).hasSize(3);
        assertThat(m.headers().all("Via")).hasSize(2);
        assertThat(m.viaBranch()).contains("z9hG4bKtop");
    }

    @Test
    void takesTheRestOfADatagramAsBodyWithoutContentLengthAndIgnoresBytesBeyondIt() throws Exception {
        SipMessage noLength = parse("MESSAGE sip:a@127.0.0.1 SIP/2.0\r\nCall-ID: x\r\n\r\nhello");
        assertThat(new String(noLength.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        SipMessage shorter = parse("MESSAGE sip:a@127.0.0.1 SIP/2.0\r\nContent-Length: 3\r\n\r\nhello");
        assertThat(new String(shorter.body(), StandardCharsets.UTF_8)).isEqualTo("hel");
    }

    @Test
    void acceptsLeadingCrlfsAndBareLineFeeds() throws Exception {
        SipMessage m = parse("\r\n\r\nSIP/2.0 404 Not Found\nCall-ID: lf\nContent-Length: 0\n\n");
        assertThat(((SipResponse) m).status()).isEqualTo("404 Not Found");
        assertThat(m.callId()).contains("lf");
    }

    @Test
    void acceptsAStatusLineWithoutReasonPhraseAndAnUnknownMethod() throws Exception {
        assertThat(((SipResponse) parse("SIP/2.0 503\r\n\r\n")).reasonPhrase()).isEmpty();
        // RFC 4475 3.1.1.7 (intmeth): a method made of unusual token characters.
        SipRequest r = (SipRequest) parse("!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n");
        assertThat(r.method()).isEqualTo("!interesting-Method0123456789_*+`.%indeed'~");
    }

    @Test
    void rejectsGarbageWithATypedReason() {
        assertThat(failure("")).isEqualTo(Reason.EMPTY);
        assertThat(failure("\r\n\r\n")).isEqualTo(Reason.EMPTY);
        assertThat(failure("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(Reason.BAD_START_LINE);
        assertThat(failure("hello world\r\n\r\n")).isEqualTo(Reason.BAD_START_LINE);
        assertThat(failure("SIP/2.0 2000 OK\r\n\r\n")).isEqualTo(Reason.BAD_START_LINE);
        assertThat(failure("SIP/2.0 099 Low\r\n\r\n")).isEqualTo(Reason.BAD_START_LINE);
        assertThat(failure("OPTIONS nouri SIP/2.0\r\n\r\n")).isEqualTo(Reason.BAD_START_LINE);
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\r\nno colon here\r\n\r\n")).isEqualTo(Reason.BAD_HEADER);
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\r\n continuation\r\n\r\n")).isEqualTo(Reason.BAD_HEADER);
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\r\nVia: a\0b\r\n\r\n")).isEqualTo(Reason.BAD_CHARACTER);
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n")).isEqualTo(Reason.TRUNCATED);
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\r\nFrom: a\rb\r\n\r\n")).isEqualTo(Reason.BAD_CHARACTER);
    }

    @Test
    void rejectsAnotherSipVersion() {
        // RFC 4475 3.1.2.16 (badvers)
        assertThat(failure("OPTIONS sip:t.watson@example.org SIP/7.0\r\nCall-ID: x\r\n\r\n"))
                .isEqualTo(Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void rejectsContentLengthsThatCannotFrameTheBody() {
        // RFC 4475 3.1.2.6 (ncl): negative; 3.1.2.7 (scalar02): far too large; 3.1.2.8-like: truncated.
        assertThat(failure("INVITE sip:a@b SIP/2.0\r\nContent-Length: -999\r\n\r\n"))
                .isEqualTo(Reason.BAD_CONTENT_LENGTH);
        assertThat(failure("INVITE sip:a@b SIP/2.0\r\nContent-Length: 9999999999999999999999\r\n\r\n"))
                .isEqualTo(Reason.TOO_LARGE);
        assertThat(failure("INVITE sip:a@b SIP/2.0\r\nContent-Length: 100\r\n\r\nshort"))
                .isEqualTo(Reason.TRUNCATED);
        assertThat(failure("INVITE sip:a@b SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\nab"))
                .isEqualTo(Reason.BAD_CONTENT_LENGTH);
    }

    @Test
    void enforcesSizeLimitsSoGarbageCannotExhaustMemory() {
        var small = new SipParser(new SipLimits(128, 16, 3));
        assertThatThrownBy(() -> small.parseDatagram(bytes("OPTIONS sip:a@b SIP/2.0\r\nX: " + "a".repeat(200)
                + "\r\n\r\n"))).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThatThrownBy(() -> small.parseDatagram(bytes("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 17\r\n\r\n"
                + "b".repeat(17)))).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThatThrownBy(() -> small.parseDatagram(bytes("OPTIONS sip:a@b SIP/2.0\r\nA: 1\r\nB: 2\r\nC: 3\r\n"
                + "D: 4\r\n\r\n"))).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }
}
