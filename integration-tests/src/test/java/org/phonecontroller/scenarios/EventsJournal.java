package org.phonecontroller.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads the daemon's {@code events.jsonl}: the same file an admin reads, so scenarios assert on what users see. A
 * half-written last line (the daemon writes while we read) is left for the next read.
 */
final class EventsJournal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    EventsJournal(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Every complete event line so far, oldest first. */
    List<EventLine> all() {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<EventLine> events = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (!line.isEmpty()) {
                events.add(parse(line));
            }
        }
        return events;
    }

    List<EventLine> ofKind(String kind) {
        return matching(e -> e.is(kind));
    }

    List<EventLine> matching(Predicate<EventLine> predicate) {
        return all().stream().filter(predicate).toList();
    }

    long count(String kind) {
        return ofKind(kind).size();
    }

    /** The kinds in order of appearance, leaving out phone-level and scan noise unless asked for. */
    List<String> kindsIn(Set<String> wanted) {
        return all().stream().map(EventLine::kind).filter(wanted::contains).toList();
    }

    /** Phones with a {@code PHONE_REPROGRAMMED} event towards this PhoneManager. */
    Set<String> reprogrammedTo(String phoneManager) {
        return ofKind("PHONE_REPROGRAMMED").stream().filter(e -> phoneManager.equals(e.phoneManager()))
                .map(EventLine::phone).collect(Collectors.toSet());
    }

    /** What a failed assertion should show: the last events. */
    String tail(int lines) {
        List<EventLine> all = all();
        return all.subList(Math.max(0, all.size() - lines), all.size()).stream().map(EventLine::toString)
                .collect(Collectors.joining("\n", "last events of " + file + ":\n", "\n"));
    }

    private EventLine parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return new EventLine(Instant.parse(n.path("ts").asText()), n.path("kind").asText(), text(n, "range"),
                    text(n, "phone"), text(n, "phoneManager"), text(n, "detail"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("not an event line in " + file + ": " + line, e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
