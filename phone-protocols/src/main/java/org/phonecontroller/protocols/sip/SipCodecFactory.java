package org.phonecontroller.protocols.sip;

import java.util.Objects;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * MINA codec for SIP: decodes to {@link SipMessage}, encodes {@link SipMessage}s.
 *
 * <ul>
 *   <li>{@link #datagrams()}: one message per datagram (UDP).</li>
 *   <li>{@link #streams()}: Content-Length framing over a byte stream (TCP, TLS behind an SslFilter); partial
 *       and several messages per read, CRLF keep-alives skipped.</li>
 * </ul>
 * A message that does not parse surfaces as a {@link ProtocolDecoderException} whose cause is the
 * {@link SipParseException}. On a stream the bytes are dropped and the connection should be closed (framing is
 * lost); on datagrams only that datagram is lost.
 */
public final class SipCodecFactory implements ProtocolCodecFactory {

    private final SipParser parser;
    private final boolean stream;

    private SipCodecFactory(SipParser parser, boolean stream) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.stream = stream;
    }

    public static SipCodecFactory datagrams() {
        return datagrams(new SipParser());
    }

    public static SipCodecFactory datagrams(SipParser parser) {
        return new SipCodecFactory(parser, false);
    }

    public static SipCodecFactory streams() {
        return streams(new SipParser());
    }

    public static SipCodecFactory streams(SipParser parser) {
        return new SipCodecFactory(parser, true);
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return ENCODER;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return stream ? new StreamDecoder(parser) : new DatagramDecoder(parser);
    }

    private static final ProtocolEncoder ENCODER = new ProtocolEncoderAdapter() {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            if (!(message instanceof SipMessage sip)) {
                throw new IllegalArgumentException("not a SIP message: " + message.getClass().getName());
            }
            out.write(IoBuffer.wrap(SipEncoder.encode(sip)));
        }
    };

    private static final class DatagramDecoder extends ProtocolDecoderAdapter {
        private final SipParser parser;

        DatagramDecoder(SipParser parser) {
            this.parser = parser;
        }

        @Override
        public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
            byte[] bytes = new byte[in.remaining()];
            in.get(bytes);
            try {
                out.write(parser.parseDatagram(bytes));
            } catch (SipParseException e) {
                if (e.reason() == SipParseException.Reason.EMPTY) {
                    return; // CRLF keep-alive datagram
                }
                var wrapped = new ProtocolDecoderException(e.getMessage(), e);
                wrapped.setHexdump(IoBuffer.wrap(bytes, 0, Math.min(bytes.length, 256)).getHexDump());
                throw wrapped;
            }
        }
    }

    private static final class StreamDecoder extends CumulativeProtocolDecoder {
        private final SipParser parser;

        StreamDecoder(SipParser parser) {
            this.parser = parser;
        }

        @Override
        protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
            StreamFrame frame;
            try {
                frame = parser.frame(in.buf());
            } catch (SipParseException e) {
                in.position(in.limit()); // framing is lost: drop what we have
                throw new ProtocolDecoderException(e.getMessage(), e);
            }
            return switch (frame) {
                case StreamFrame.NeedMore n -> false;
                case StreamFrame.KeepAlive k -> {
                    in.skip(k.consumed());
                    yield true;
                }
                case StreamFrame.Message m -> {
                    in.skip(m.consumed());
                    out.write(m.message());
                    yield true;
                }
            };
        }
    }
}
