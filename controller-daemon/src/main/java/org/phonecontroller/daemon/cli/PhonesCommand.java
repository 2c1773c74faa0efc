package org.phonecontroller.daemon.cli;

import java.util.List;
import org.phonecontroller.daemon.admin.PhoneState;
import org.phonecontroller.daemon.admin.PhoneView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code phonectl phones}: the inventory, optionally of one range or in one state. */
@Command(name = "phones", mixinStandardHelpOptions = true,
        description = "List the phones the controller knows: where each is registered, where it should be,"
                + " and the last error.")
final class PhonesCommand extends ClientCommand {

    @Option(names = "--range", paramLabel = "R", description = "Only the phones of this range.")
    String range;

    @Option(names = "--state", paramLabel = "S",
            description = "Only phones in this state: ${COMPLETION-CANDIDATES}.")
    PhoneState state;

    @Option(names = "--json", description = "Write the phones as a JSON array on stdout.")
    boolean json;

    @Override
    int run(AdminClient client) {
        List<PhoneView> phones = client.phones(range, state);
        if (json) {
            JsonOutput.print(out(), phones);
            return ExitCodes.OK;
        }
        boolean views = phones.stream().anyMatch(p -> p.registeredAt() != null);
        List<String> headers = new java.util.ArrayList<>(List.of("ADDRESS", "RANGE", "VENDOR", "MODEL", "PROTOCOL",
                "OBSERVED SERVER", "DESIRED", "STATE"));
        if (views) {
            headers.add("REGISTERED AT");
        }
        headers.addAll(List.of("ATTEMPTS", "LAST SEEN", "LAST ERROR"));
        TextTable table = new TextTable(headers.toArray(String[]::new));
        phones.forEach(p -> {
            List<Object> cells = new java.util.ArrayList<>(List.of(p.address(), p.range(), p.vendor(), p.model(),
                    p.protocol(), String.valueOf(p.observedServer()),
                    p.desiredTarget() + (p.desiredServer() == null ? "" : " " + p.desiredServer()), p.state()));
            if (views) {
                cells.add(p.registeredAt() == null || p.registeredAt().isEmpty() ? "-" : p.registeredAt());
            }
            cells.add(p.attempts());
            cells.add(Show.time(p.lastSeen(), clock));
            cells.add(p.lastError());
            table.row(cells.toArray());
        });
        if (table.size() > 0) {
            table.print(out());
        }
        out().printf("%d phone%s%s%s%n", phones.size(), phones.size() == 1 ? "" : "s",
                range == null ? "" : " in range " + range, state == null ? "" : " in state " + state);
        out().flush();
        return ExitCodes.OK;
    }
}
