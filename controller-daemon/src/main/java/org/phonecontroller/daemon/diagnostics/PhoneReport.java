package org.phonecontroller.daemon.diagnostics;

import java.util.List;
import java.util.Objects;

/**
 * What the controller sees of one address.
 *
 * @param address        the address asked
 * @param attempts       every protocol tried, in order, up to the first that identified a phone
 * @param identity       the phone, when a protocol identified it; else null
 * @param servers        the servers the phone is configured with, first = where it registers; null when unread
 * @param serversError   why the servers could not be read; null when read (or nothing was identified)
 * @param callState      IDLE, BUSY or UNKNOWN; null when not asked
 * @param callStateError why the call state could not be read
 */
public record PhoneReport(String address, List<ProtocolAttempt> attempts, Identity identity, List<String> servers,
                          String serversError, String callState, String callStateError) {

    /** Who answered. */
    public record Identity(String protocol, String vendor, String model, String firmware, String mac) {
    }

    public PhoneReport {
        Objects.requireNonNull(address, "address");
        attempts = List.copyOf(attempts);
        servers = servers == null ? null : List.copyOf(servers);
    }

    public boolean identified() {
        return identity != null;
    }
}
