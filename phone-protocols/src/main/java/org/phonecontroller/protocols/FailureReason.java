package org.phonecontroller.protocols;

/** Why talking to a phone or PhoneManager failed; carried by every failure value and exception of the SPI. */
public enum FailureReason {
    /** No answer within the timeout. */
    TIMEOUT,
    /** The port is closed (ICMP port unreachable, TCP RST). */
    REFUSED,
    /** No route, host unreachable, or another network error. */
    UNREACHABLE,
    /** The device rejected our credentials (HTTP 401/403, SNMP authorization error, unknown USM user). */
    AUTH_FAILED,
    /** The reply could not be parsed or did not have the expected shape. */
    MALFORMED_REPLY,
    /** The device answered with an error status (HTTP 5xx, SIP error code, SNMP error status). */
    ERROR_REPLY,
    /** The value cannot be written (read-only profile or object). */
    NOT_WRITABLE,
    /** The phone is in a call and refused or was not asked to change. */
    BUSY,
    /** The change was accepted but reading it back showed another value. */
    VERIFY_MISMATCH,
    /** The device does not support what was asked (e.g. no server OIDs in its profile). */
    UNSUPPORTED,
    /**
     * A provisioning phone did not fetch its file (with the desired servers) after it was triggered: it is not
     * pointed at the controller's provisioning URL, ignored the trigger, or cannot reach the controller.
     */
    NO_FETCH,
    /** TLS certificate did not match the pinned or first-seen fingerprint. */
    CERTIFICATE_MISMATCH
}
