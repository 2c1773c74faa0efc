package org.phonecontroller.lab.internal.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SipMessageTest {
    private static final String OPTIONS = "OPTIONS sip:phone@127.20.16.1:5060 SIP/2.0\r\n"
            + "v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK-2, SIP/2.0/UDP 127.0.0.3;branch=z9hG4bK-3\r\n"
            + "From: <sip:probe@127.0.0.1>;tag=abc\r\n"
            + "To: <sip:phone@127.20.16.1>\r\n"
            + "i: 42@127.0.0.1\r\n"
            + "CSeq: 7 OPTIONS\r\n"
            + "Subject: folded\r\n  line\r\n"
            + "l: 0\r\n\r\n";

    @Test
    void parsesARequestWithCompactAndFoldedHeaders() throws Exception {
        SipMessage m = parse(OPTIONS);
        assertThat(m.isRequest()).isTrue();
        assertThat(m.method()).isEqualTo("OPTIONS");
        assertThat(m.requestUri()).isEqualTo("sip:phone@127.20.16.1:5060");
        assertThat(m.header("call-id")).hasValue("42@127.0.0.1");
        assertThat(m.headerValues("Via")).hasSize(3);
        assertThat(m.headerParam("Via", "branch")).hasValue("z9hG4bK-1");
        assertThat(m.header("Subject")).hasValue("folded line");
    }

    @Test
    void answersWithViaFromCallIdAndCSeqCopiedAndTheToTagged() throws Exception {
        SipMessage reply = SipResponses.responseTo(parse(OPTIONS), 200, "OK", "t1",
                List.of(Map.entry("User-Agent", "lab")));
        SipMessage again = SipMessage.parse(reply.encode(), 0, reply.encode().length);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.method()).isEqualTo("OPTIONS");
        assertThat(again.headerValues("Via")).hasSize(3);
        assertThat(again.header("To")).hasValue("<sip:phone@127.20.16.1>;tag=t1");
        assertThat(again.header("Content-Length")).hasValue("0");
    }

    @Test
    void framesMessagesInATcpStream() throws Exception {
        byte[] two = (OPTIONS + OPTIONS).getBytes(StandardCharsets.UTF_8);
        int first = SipMessage.frameLength(two, 0, two.length);
        assertThat(first).isEqualTo(OPTIONS.length());
        assertThat(SipMessage.frameLength(two, 0, 20)).isEqualTo(-1);
    }

    @Test
    void rejectsGarbageWithAReason() {
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\n\r\n")).isInstanceOf(SipParseException.class)
                .hasMessageContaining("not a SIP/2.0 start line");
        assertThatThrownBy(() -> parse(OPTIONS.replace("l: 0", "l: 99"))).isInstanceOf(SipParseException.class)
                .hasMessageContaining("Content-Length 99");
        assertThatThrownBy(() -> parse(OPTIONS.replace("i: 42@127.0.0.1\r\n", "")))
                .hasMessageContaining("missing Via, Call-ID or CSeq");
    }

    @Test
    void neverFailsOtherwiseThanWithAParseExceptionOnRandomBytes() {
        Random random = new Random(4780);
        byte[] base = OPTIONS.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (random.nextBoolean()) {
                input = new byte[random.nextInt(300)];
                random.nextBytes(input);
            } else {
                input = base.clone();
                for (int k = 0; k < 1 + random.nextInt(6); k++) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                SipMessage.parse(input, 0, input.length);
                SipMessage.frameLength(input, 0, input.length);
            } catch (SipParseException expected) {
                // garbage is reported, never thrown as anything else
            }
        }
    }

    private static SipMessage parse(String text) throws SipParseException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return SipMessage.parse(b, 0, b.length);
    }
}
