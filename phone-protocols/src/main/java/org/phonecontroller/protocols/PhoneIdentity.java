package org.phonecontroller.protocols;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What a protocol learned about a phone when it identified it. Unknown text fields are empty strings, never null.
 *
 * @param address  the phone's IP address
 * @param protocol the name of the {@link PhoneProtocol} that identified it (e.g. {@code snmp:cisco-sip-ua})
 * @param vendor   e.g. {@code Polycom}
 * @param model    e.g. {@code VVX 450}
 * @param firmware firmware or software version
 * @param mac      the MAC address as {@code 00:04:f2:aa:bb:cc} when the protocol tells it
 */
public record PhoneIdentity(InetAddress address, String protocol, String vendor, String model, String firmware,
                            String mac) {

    public PhoneIdentity {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        vendor = Objects.requireNonNullElse(vendor, "");
        model = Objects.requireNonNullElse(model, "");
        firmware = Objects.requireNonNullElse(firmware, "");
        mac = Objects.requireNonNullElse(mac, "");
    }
}
