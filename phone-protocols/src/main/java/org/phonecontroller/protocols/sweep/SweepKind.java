package org.phonecontroller.protocols.sweep;

/** What the sweeper asks each address. */
public enum SweepKind {
    /** SNMP v2c GET of sysDescr.0 and sysObjectID.0. */
    SNMP,
    /** SIP OPTIONS; the answer's User-Agent/Server names the phone. */
    SIP,
    /**
     * A TCP connect to the plan's TCP port (the phones' HTTP or HTTPS API), for phones that speak neither SNMP nor
     * SIP to strangers. A completed handshake is an answer; a reset means "nothing listens there" (no retry); only
     * silence is retried. Nothing is sent over the connection: it is closed at once.
     */
    TCP
}
