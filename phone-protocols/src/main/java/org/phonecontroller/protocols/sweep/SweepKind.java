package org.phonecontroller.protocols.sweep;

/** What the sweeper asks each address. */
public enum SweepKind {
    /** SNMP v2c GET of sysDescr.0 and sysObjectID.0. */
    SNMP,
    /** SIP OPTIONS; the answer's User-Agent/Server names the phone. */
    SIP
}
