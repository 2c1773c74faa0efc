package org.phonecontroller.protocols;

import java.util.List;
import java.util.Objects;

/**
 * The ordered list of servers pushed to a phone: the target first, optionally the other PhoneManager second so the
 * phone keeps its own phone-side redundancy.
 *
 * @param servers one or more servers, primary slot first
 */
public record ServerAssignment(List<ServerAddress> servers) {

    public ServerAssignment {
        servers = List.copyOf(Objects.requireNonNull(servers, "servers"));
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a server assignment needs at least one server");
        }
    }

    public static ServerAssignment of(ServerAddress target, ServerAddress... others) {
        var all = new java.util.ArrayList<ServerAddress>();
        all.add(target);
        all.addAll(List.of(others));
        return new ServerAssignment(all);
    }

    /** The server the phone should register to: the first slot. */
    public ServerAddress target() {
        return servers.get(0);
    }

    @Override
    public String toString() {
        return servers.toString();
    }
}
