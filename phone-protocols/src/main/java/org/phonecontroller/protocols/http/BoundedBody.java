package org.phonecontroller.protocols.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.entity.AbstractBinAsyncEntityConsumer;

/**
 * A response body read as text (the charset of its {@code Content-Type}, UTF-8 if none), refused once it grows past
 * a limit: a phone's reply is small, and a phone that sends more fails with {@link TooLargeException} (which
 * {@link HttpTransport} reports as MALFORMED_REPLY) without the rest being buffered.
 */
final class BoundedBody extends AbstractBinAsyncEntityConsumer<String> {

    static final int LIMIT = 1 << 20;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    private Charset charset = StandardCharsets.UTF_8;

    /** The phone sent a larger body than {@link #LIMIT}; the exchange is aborted and its connection closed. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("reply body is larger than " + LIMIT + " bytes");
        }
    }

    @Override
    protected void streamStart(ContentType contentType) {
        Charset declared = contentType == null ? null : contentType.getCharset();
        charset = declared == null ? StandardCharsets.UTF_8 : declared;
    }

    @Override
    protected int capacityIncrement() {
        return Integer.MAX_VALUE;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
        if (bytes.size() + src.remaining() > LIMIT) {
            throw new TooLargeException();
        }
        if (src.hasArray()) {
            bytes.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
            src.position(src.limit());
        } else {
            byte[] chunk = new byte[src.remaining()];
            src.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    @Override
    protected String generateContent() {
        return bytes.toString(charset);
    }

    @Override
    public void releaseResources() {
        bytes.reset();
    }
}
