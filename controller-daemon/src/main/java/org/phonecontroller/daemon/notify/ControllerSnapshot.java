package org.phonecontroller.daemon.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The state of every PhoneManager and range at one moment, sent with {@code DAEMON_STARTED} so that a receiver that
 * missed events learns the truth.
 *
 * @param phoneManagers every configured PhoneManager, in configuration order
 * @param ranges        every configured range, in configuration order
 */
public record ControllerSnapshot(List<PhoneManager> phoneManagers, List<Range> ranges) {
    public ControllerSnapshot {
        phoneManagers = List.copyOf(phoneManagers);
        ranges = List.copyOf(ranges);
    }

    /** A PhoneManager's health ({@code UNKNOWN} until its first probe) and since when. */
    public record PhoneManager(String name, String state, Instant since) {
    }

    /** A range's desired target (PRIMARY or FALLBACK), why, and since when. */
    public record Range(String name, String target, String reason, Instant since) {
    }

    /** One line for humans: {@code PhoneManagers pm-a UP, pm-b DOWN; ranges floor-1 PRIMARY}. */
    public String summary() {
        return "PhoneManagers " + (phoneManagers.isEmpty() ? "none" : phoneManagers.stream()
                .map(p -> p.name() + " " + p.state()).collect(Collectors.joining(", ")))
                + "; ranges " + (ranges.isEmpty() ? "none" : ranges.stream()
                .map(r -> r.name() + " " + r.target()).collect(Collectors.joining(", ")));
    }

    /** The JSON form: {@code {"phoneManagers": {...}, "ranges": {...}}}. */
    Map<String, Object> fields() {
        Map<String, Object> pms = new LinkedHashMap<>();
        for (PhoneManager p : phoneManagers) {
            pms.put(p.name(), Map.of("state", p.state(), "since", String.valueOf(p.since())));
        }
        Map<String, Object> rs = new LinkedHashMap<>();
        for (Range r : ranges) {
            rs.put(r.name(), Map.of("target", r.target(), "reason", r.reason(), "since", String.valueOf(r.since())));
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("phoneManagers", pms);
        all.put("ranges", rs);
        return all;
    }
}
