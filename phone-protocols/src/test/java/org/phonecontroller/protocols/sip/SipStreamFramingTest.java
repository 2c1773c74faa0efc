package org.phonecontroller.protocols.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.phonecontroller.protocols.sip.SipParserTest.bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import java.net.SocketAddress;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.sip.SipParseException.Reason;

class SipStreamFramingTest {

    private static final String MESSAGE_WITH_BODY = """
            MESSAGE sip:user@127.0.0.5 SIP/2.0\r
            Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKa\r
            Call-ID: one\r
            CSeq: 1 MESSAGE\r
            Content-Type: text/plain\r
            Content-Length: 12\r
            \r
            Hello\r
            World""";

    private static final String OPTIONS_REPLY = """
            SIP/2.0 200 OK\r
            Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKb\r
            Call-ID: two\r
            CSeq: 1 OPTIONS\r
            Content-Length: 0\r
            \r
            """;

    private final SipParser parser = new SipParser();

    @Test
    void framesSeveralMessagesAndKeepAlivesInOneRead() throws Exception {
        ByteBuffer buf = ByteBuffer.wrap(bytes("\r\n\r\n" + MESSAGE_WITH_BODY + OPTIONS_REPLY + "\r\n"));
        var first = (StreamFrame.Message) parser.frame(buf);
        assertThat(new String(first.message().body(), StandardCharsets.UTF_8)).isEqualTo("Hello\r\nWorld");
        buf.position(buf.position() + first.consumed());
        var second = (StreamFrame.Message) parser.frame(buf);
        assertThat(second.message().callId()).contains("two");
        buf.position(buf.position() + second.consumed());
        assertThat(parser.frame(buf)).isEqualTo(new StreamFrame.KeepAlive(2));
    }

    @Test
    void needsMoreUntilTheHeadersAndTheWholeBodyArrived() throws Exception {
        byte[] all = bytes(MESSAGE_WITH_BODY);
        for (int cut = 0; cut < all.length; cut++) {
            assertThat(parser.frame(ByteBuffer.wrap(all, 0, cut))).as("after %d bytes", cut)
                    .isInstanceOfAny(StreamFrame.NeedMore.class, StreamFrame.KeepAlive.class);
        }
        assertThat(parser.frame(ByteBuffer.wrap(all))).isInstanceOf(StreamFrame.Message.class);
    }

    @Test
    void rejectsAStreamWithoutEndOfHeadersWithinTheLimitInsteadOfBufferingForever() {
        var small = new SipParser(new SipLimits(256, 1024, 10));
        String endless = "OPTIONS sip:a@b SIP/2.0\r\nX-Long: " + "a".repeat(300);
        assertThatThrownBy(() -> small.frame(ByteBuffer.wrap(bytes(endless))))
                .isInstanceOfSatisfying(SipParseException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void rejectsBinaryGarbageAtOnce() {
        assertThatThrownBy(() -> parser.frame(ByteBuffer.wrap(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00})))
                .isInstanceOfSatisfying(SipParseException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_START_LINE));
    }

    @Test
    void minaStreamDecoderHandlesPartialAndCoalescedReads() throws Exception {
        var session = new ProtocolCodecSession();
        // A stream transport: MINA accumulates only where the transport fragments messages.
        session.setTransportMetadata(new DefaultTransportMetadata("test", "stream", false, true,
                SocketAddress.class, IoSessionConfig.class, Object.class));
        ProtocolDecoder decoder = SipCodecFactory.streams().getDecoder(session);
        byte[] all = bytes(MESSAGE_WITH_BODY + "\r\n" + OPTIONS_REPLY + MESSAGE_WITH_BODY);
        List<SipMessage> got = new ArrayList<>();
        // Reads of 7 bytes each: every boundary falls somewhere inside a message.
        for (int off = 0; off < all.length; off += 7) {
            decoder.decode(session, IoBuffer.wrap(all, off, Math.min(7, all.length - off)),
                    session.getDecoderOutput());
            while (!session.getDecoderOutputQueue().isEmpty()) {
                got.add((SipMessage) session.getDecoderOutputQueue().poll());
            }
        }
        assertThat(got).extracting(m -> m.callId().orElseThrow()).containsExactly("one", "two", "one");
    }

    @Test
    void minaDatagramDecoderReportsGarbageAsADecoderExceptionWithTheParseReason() throws Exception {
        var session = new ProtocolCodecSession();
        ProtocolDecoder decoder = SipCodecFactory.datagrams().getDecoder(session);
        decoder.decode(session, IoBuffer.wrap(bytes(OPTIONS_REPLY)), session.getDecoderOutput());
        assertThat(session.getDecoderOutputQueue().poll()).isInstanceOf(SipResponse.class);
        assertThatThrownBy(() -> decoder.decode(session, IoBuffer.wrap(bytes("garbage\r\n\r\n")),
                session.getDecoderOutput())).isInstanceOf(ProtocolDecoderException.class)
                .hasCauseInstanceOf(SipParseException.class);
    }

    @Test
    void minaEncoderWritesWhatTheDecoderReads() throws Exception {
        var session = new ProtocolCodecSession();
        SipMessage original = parser.parseDatagram(bytes(MESSAGE_WITH_BODY));
        SipCodecFactory.datagrams().getEncoder(session).encode(session, original, session.getEncoderOutput());
        IoBuffer encoded = (IoBuffer) session.getEncoderOutputQueue().poll();
        byte[] wire = new byte[encoded.remaining()];
        encoded.get(wire);
        assertThat(parser.parseDatagram(wire)).isEqualTo(original);
    }
}
