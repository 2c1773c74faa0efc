package org.phonecontroller.protocols.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes give a message or a typed {@link SipParseException}: no other exception, no endless loop, and what
 * parses survives an encode/parse round trip. Seeds: {@code SipParserFuzzTestInputs/<method>/}.
 */
class SipParserFuzzTest {

    private static final SipParser PARSER = new SipParser(new SipLimits(2048, 4096, 50));

    @FuzzTest(maxDuration = "2m")
    void anyDatagramParsesOrFailsWithAReason(byte[] data) {
        try {
            SipMessage m = PARSER.parseDatagram(data);
            SipMessage again = PARSER.parseDatagram(SipEncoder.encode(m));
            assertThat(again.startLine()).isEqualTo(m.startLine());
            assertThat(again.body()).isEqualTo(m.body());
            m.viaBranch();
            m.cseq();
            m.expires();
            m.contactUri();
        } catch (SipParseException e) {
            assertThat(e.reason()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "2m")
    void anyStreamFramesOrFailsWithAReason(byte[] data) {
        ByteBuffer buf = ByteBuffer.wrap(data);
        try {
            while (buf.hasRemaining()) {
                StreamFrame f = PARSER.frame(buf);
                int consumed = switch (f) {
                    case StreamFrame.NeedMore n -> 0;
                    case StreamFrame.KeepAlive k -> k.consumed();
                    case StreamFrame.Message m -> m.consumed();
                };
                if (consumed == 0) {
                    return;
                }
                assertThat(consumed).isPositive().isLessThanOrEqualTo(buf.remaining());
                buf.position(buf.position() + consumed);
            }
        } catch (SipParseException e) {
            assertThat(e.reason()).isNotNull();
        }
    }
}
