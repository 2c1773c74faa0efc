package org.phonecontroller.protocols.sip;

import java.util.Objects;

/** What {@link SipParser#frame} found at the start of a stream buffer. */
public sealed interface StreamFrame {

    /** Not a whole message yet; read more and call again with the same bytes plus the new ones. */
    record NeedMore() implements StreamFrame {
    }

    /** Only CRLF keep-alives: drop {@code consumed} bytes. */
    record KeepAlive(int consumed) implements StreamFrame {
    }

    /** A whole message that took {@code consumed} bytes (leading CRLFs included). */
    record Message(SipMessage message, int consumed) implements StreamFrame {
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }
}
