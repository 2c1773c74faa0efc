package org.phonecontroller.daemon.discovery;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.phonecontroller.protocols.PhoneProtocolFactory;
import org.phonecontroller.protocols.sweep.SweepKind;

/**
 * What the sweep asks every address of a range, derived from the range's protocols: {@code snmp:*} with a v2c
 * community → an SNMP GET; {@code snmp:*} with SNMPv3 (whose agents ignore a v2c GET) → an SNMPv3 engine-discovery
 * request (empty community here); the vendor HTTP APIs → a TCP connect to the phones' HTTP port; SIP → SIP OPTIONS.
 *
 * @param kinds     what to ask, never empty
 * @param community the v2c community of the SNMP GET (a secret, never printed); empty without SNMP or with SNMPv3
 * @param tcpPort   the port of the TCP connect (80, or the lab's)
 */
public record SweepProbes(Set<SweepKind> kinds, String community, int tcpPort) {

    public SweepProbes {
        kinds = Set.copyOf(EnumSet.copyOf(Objects.requireNonNull(kinds, "kinds")));
        Objects.requireNonNull(community, "community");
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a sweep asks something");
        }
    }

    /**
     * @param protocols     the protocol names of the range, in order ({@code sip} for SIP OPTIONS)
     * @param v2cCommunity  the range's SNMP v2c community, if its credentials have one
     * @param phoneHttpPort the phones' HTTP port
     */
    public static SweepProbes of(List<String> protocols, Optional<String> v2cCommunity, int phoneHttpPort) {
        Set<SweepKind> kinds = EnumSet.noneOf(SweepKind.class);
        for (String name : protocols) {
            if (name.startsWith("snmp:")) {
                kinds.add(SweepKind.SNMP); // v2c GET, or SNMPv3 engine discovery without a community
            } else if (PhoneProtocolFactory.HTTP_PROTOCOLS.contains(name)) {
                kinds.add(SweepKind.TCP);
            } else {
                kinds.add(SweepKind.SIP);
            }
        }
        if (kinds.isEmpty()) {
            kinds.add(SweepKind.SIP);
        }
        return new SweepProbes(kinds, kinds.contains(SweepKind.SNMP) ? v2cCommunity.orElse("") : "", phoneHttpPort);
    }

    /** Without the community. */
    @Override
    public String toString() {
        return "SweepProbes[kinds=" + kinds + ", tcpPort=" + tcpPort + "]";
    }
}
