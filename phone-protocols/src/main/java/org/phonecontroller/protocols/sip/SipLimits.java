package org.phonecontroller.protocols.sip;

/**
 * Size limits that keep garbage or a hostile peer from exhausting memory.
 *
 * @param maxHeaderBytes start line plus headers, including line ends
 * @param maxBodyBytes   the largest Content-Length accepted
 * @param maxHeaders     the most header lines (after unfolding)
 */
public record SipLimits(int maxHeaderBytes, int maxBodyBytes, int maxHeaders) {

    /** 16 KiB of headers, 64 KiB of body, 200 header lines: far above any phone's messages. */
    public static final SipLimits DEFAULTS = new SipLimits(16 * 1024, 64 * 1024, 200);

    public SipLimits {
        if (maxHeaderBytes < 64 || maxBodyBytes < 0 || maxHeaders < 1) {
            throw new IllegalArgumentException("SIP limits too small: " + maxHeaderBytes + " header bytes, "
                    + maxBodyBytes + " body bytes, " + maxHeaders + " headers");
        }
    }

    /** The largest whole message these limits allow. */
    public int maxMessageBytes() {
        return maxHeaderBytes + maxBodyBytes;
    }
}
