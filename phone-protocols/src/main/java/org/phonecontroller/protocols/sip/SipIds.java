package org.phonecontroller.protocols.sip;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** Makes the random identifiers of new requests: Via branches, Call-IDs, tags. Randomness is injected. */
public final class SipIds {

    private static final HexFormat HEX = HexFormat.of();

    private final RandomGenerator random;

    public SipIds(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Backed by a {@link SecureRandom}: identifiers that peers cannot guess. */
    public static SipIds secure() {
        return new SipIds(new SecureRandom());
    }

    /** {@code z9hG4bK} followed by 16 random hex digits (RFC 3261 8.1.1.7). */
    public String branch() {
        return SipMessage.BRANCH_COOKIE + hex(8);
    }

    /** 32 random hex digits. */
    public String callId() {
        return hex(16);
    }

    /** 12 random hex digits, for From and To tags. */
    public String tag() {
        return hex(6);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HEX.formatHex(b);
    }
}
