package org.phonecontroller.lab.internal.sip;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Frames SIP over TCP (RFC 3261 section 18.3: headers, then Content-Length bytes). Decodes to {@code byte[]}
 * frames; encodes {@code byte[]} as they are. Keep-alive CRLFs between messages are skipped.
 */
public final class SipStreamCodec implements ProtocolCodecFactory {
    private final ProtocolEncoder encoder = new ProtocolEncoderAdapter() {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            out.write(IoBuffer.wrap((byte[]) message));
        }
    };

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return new CumulativeProtocolDecoder() {
            @Override
            protected boolean doDecode(IoSession s, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
                while (in.hasRemaining() && (in.get(in.position()) == '\r' || in.get(in.position()) == '\n')) {
                    in.get();
                }
                if (!in.hasRemaining()) {
                    return false;
                }
                byte[] bytes = new byte[in.remaining()];
                in.mark();
                in.get(bytes);
                in.reset();
                int length = SipMessage.frameLength(bytes, 0, bytes.length);
                if (length < 0) {
                    return false;
                }
                byte[] frame = new byte[length];
                in.get(frame);
                out.write(frame);
                return true;
            }
        };
    }
}
