package org.phonecontroller.daemon.admin;

import java.time.Instant;

/**
 * One phone of the inventory as {@code phonectl phones} shows it. Optional facts are {@code null} when unknown.
 *
 * @param address        its IP address
 * @param range          the range it belongs to
 * @param mac            its MAC address, if known
 * @param vendor         e.g. "Polycom"
 * @param model          e.g. "VVX 450"
 * @param firmware       its firmware version, if known
 * @param protocol       how the controller talks to it, e.g. "snmp:cisco-sip-ua" or "polycom-rest"
 * @param observedServer the server it was last seen configured with (host:port)
 * @param desiredTarget  where it should be
 * @param desiredServer  the server of that target (host:port)
 * @param state          where it stands
 * @param attempts       pushes tried since its desired server last changed
 * @param lastError      why the last push or read failed; {@code null} when it did not
 * @param lastSeen       when it last answered
 * @param registeredAt   the PhoneManagers whose registrar view lists it (comma-separated; empty when none does);
 *                       {@code null} when no PhoneManager has a view; {@code ?} marks a view that is unknown
 */
public record PhoneView(String address, String range, String mac, String vendor, String model, String firmware,
                        String protocol, String observedServer, Target desiredTarget, String desiredServer,
                        PhoneState state, int attempts, String lastError, Instant lastSeen, String registeredAt) {

    /** A phone without registrar information. */
    public PhoneView(String address, String range, String mac, String vendor, String model, String firmware,
                     String protocol, String observedServer, Target desiredTarget, String desiredServer,
                     PhoneState state, int attempts, String lastError, Instant lastSeen) {
        this(address, range, mac, vendor, model, firmware, protocol, observedServer, desiredTarget, desiredServer,
                state, attempts, lastError, lastSeen, null);
    }
}
