package org.phonecontroller.protocols.sweep;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * An address that answered. Text fields the kind does not fill are empty strings.
 *
 * @param address     who answered (always inside the swept spans)
 * @param port        the port asked
 * @param kind        SNMP or SIP
 * @param sysDescr    SNMP sysDescr.0
 * @param sysObjectId SNMP sysObjectID.0, dotted
 * @param userAgent   SIP User-Agent or Server header
 * @param latency     from the (last) request to the answer
 */
public record SweepHit(InetAddress address, int port, SweepKind kind, String sysDescr, String sysObjectId,
                       String userAgent, Duration latency) {

    public SweepHit {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(kind, "kind");
        sysDescr = Objects.requireNonNullElse(sysDescr, "");
        sysObjectId = Objects.requireNonNullElse(sysObjectId, "");
        userAgent = Objects.requireNonNullElse(userAgent, "");
        Objects.requireNonNull(latency, "latency");
    }
}
