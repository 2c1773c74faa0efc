package org.phonecontroller.daemon.provisioning;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.provisioning.ProvisioningProfile;

/**
 * One file a phone fetched, as remembered (never the content: it may hold SIP passwords).
 *
 * @param at        when it was served
 * @param phone     the client's address
 * @param range     the range it belongs to
 * @param profile   the range's provisioning profile
 * @param file      the file name asked for
 * @param userAgent the HTTP User-Agent
 * @param device    model, firmware and MAC from the User-Agent and the file name
 * @param status    the HTTP status answered
 * @param bytes     the size served
 * @param accounts  the accounts whose servers were overlaid
 * @param servers   the servers those accounts were given, slot 1 first (empty when none)
 * @param detail    why a file was refused, or where it came from
 */
public record Fetch(Instant at, InetAddress phone, String range, String profile, String file, String userAgent,
                    ProvisioningProfile.Device device, int status, int bytes, List<Integer> accounts,
                    List<ServerAddress> servers, String detail) {
    public Fetch {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(phone, "phone");
        accounts = List.copyOf(accounts);
        servers = List.copyOf(servers);
    }

    /** Whether the phone was served a file that gave its accounts exactly {@code desired}, in order. */
    public boolean served(List<ServerAddress> desired) {
        return status == 200 && !accounts.isEmpty() && !servers.isEmpty() && servers.size() <= desired.size()
                && servers.equals(desired.subList(0, servers.size()));
    }
}
