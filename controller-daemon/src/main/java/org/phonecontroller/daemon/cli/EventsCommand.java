package org.phonecontroller.daemon.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.phonecontroller.config.Durations;
import org.phonecontroller.daemon.admin.EventEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code phonectl events}: what happened, and with --follow what happens. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Show the controller's events (PhoneManager up/down, failovers, reprogrammed and failed"
                + " phones, rejected configurations).")
final class EventsCommand extends ClientCommand {

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "1h",
            description = "How far back: a duration like 10m, 2h, 1d, or a time like 2026-01-31T10:15:30Z."
                    + " Default: ${DEFAULT-VALUE}.")
    String since;

    @Option(names = "--kind", paramLabel = "KIND", split = ",",
            description = "Only these kinds, e.g. PHONE_FAILED,FAILOVER_STARTED.")
    List<String> kinds = List.of();

    @Option(names = "--follow", description = "Keep printing new events until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = "--json", description = "One JSON object per event on stdout (a JSON array without --follow).")
    boolean json;

    @Override
    int run(AdminClient client) {
        Instant from = sinceInstant();
        Set<String> kindSet = new LinkedHashSet<>();
        kinds.forEach(k -> kindSet.add(k.strip().toUpperCase(Locale.ROOT)));
        if (follow) {
            client.followEvents(from, kindSet, this::print);
            return ExitCodes.OK;
        }
        List<EventEntry> events = client.events(from, kindSet);
        if (json) {
            JsonOutput.print(out(), events);
        } else {
            events.forEach(this::print);
            if (events.isEmpty()) {
                err().println("No events since " + Show.time(from, clock) + ".");
                err().flush();
            }
        }
        return ExitCodes.OK;
    }

    private void print(EventEntry e) {
        if (json) {
            JsonOutput.printLine(out(), e);
            return;
        }
        StringBuilder line = new StringBuilder(Show.time(e.ts(), clock)).append("  ").append(e.kind());
        append(line, "range", e.range());
        append(line, "phone", e.phone());
        append(line, "phoneManager", e.phoneManager());
        if (e.detail() != null) {
            line.append("  ").append(e.detail());
        }
        out().println(line);
        out().flush();
    }

    private static void append(StringBuilder line, String key, String value) {
        if (value != null) {
            line.append(' ').append(key).append('=').append(value);
        }
    }

    private Instant sinceInstant() {
        try {
            return clock.instant().minus(Durations.parse(since));
        } catch (IllegalArgumentException notADuration) {
            try {
                return Instant.parse(since);
            } catch (DateTimeParseException notATime) {
                throw new ParameterException(spec.commandLine(), "--since '" + since + "' is neither a duration"
                        + " (10m, 2h, 1d) nor a time (2026-01-31T10:15:30Z): " + notADuration.getMessage());
            }
        }
    }
}
