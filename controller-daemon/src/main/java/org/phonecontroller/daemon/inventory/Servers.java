package org.phonecontroller.daemon.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/** The text form of server lists in the database: {@code host:port,host:port}, primary slot first. */
public final class Servers {

    private Servers() {
    }

    public static String format(ServerAssignment assignment) {
        return assignment == null ? "" : String.join(",",
                assignment.servers().stream().map(ServerAddress::toString).toList());
    }

    /** Parses the stored form; empty text (nothing known) is empty. */
    public static Optional<ServerAssignment> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<ServerAddress> servers = new ArrayList<>();
        for (String part : text.split(",")) {
            servers.add(ServerAddress.parse(part));
        }
        return Optional.of(new ServerAssignment(servers));
    }
}
