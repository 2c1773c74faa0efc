package org.phonecontroller.protocols.registrar;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The live contacts a registrar reported in one bulk read.
 *
 * @param contacts every live contact (expired and deleted ones are left out)
 */
public record RegistrarDump(List<RegistrarContact> contacts) {
    public RegistrarDump {
        contacts = List.copyOf(contacts);
    }

    /**
     * The IP literals (as {@link java.net.InetAddress#getHostAddress()} writes them) of every live contact's address
     * and received address: a phone with one of these IPs counts as registered.
     */
    public Set<String> registeredAddresses() {
        Set<String> out = new HashSet<>();
        for (RegistrarContact c : contacts) {
            c.address().ifPresent(out::add);
            c.received().ifPresent(out::add);
        }
        return out;
    }
}
