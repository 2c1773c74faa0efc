package org.phonecontroller.daemon.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventLog;

/**
 * What a receiver is sent: one event (the fields of events.jsonl) and, for {@code DAEMON_STARTED}, the state of every
 * PhoneManager and range. Renders the forms the transports need: JSON, a mail subject and body, one line.
 */
record Notification(Event event, Optional<ControllerSnapshot> state) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The event as one JSON object: ts, kind, range, phone, phoneManager, detail (null when not applicable), state. */
    String json() {
        Map<String, Object> fields = new LinkedHashMap<>(EventLog.fields(event));
        state.ifPresent(s -> fields.put("state", s.fields()));
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event as JSON", e);
        }
    }

    /** {@code PHONE_MANAGER_DOWN pm-primary}, {@code FAILOVER_STARTED range floor-1}: what and about what. */
    String headline() {
        StringBuilder s = new StringBuilder(event.kind().name());
        if (!event.phoneManager().isEmpty()) {
            s.append(" ").append(event.phoneManager());
        }
        if (!event.range().isEmpty()) {
            s.append(" range ").append(event.range());
        }
        if (!event.phone().isEmpty()) {
            s.append(" phone ").append(event.phone());
        }
        return s.toString();
    }

    /** A mail body a person reads at 3 a.m.: what, where, when, why; the state for DAEMON_STARTED. */
    String text() {
        StringBuilder s = new StringBuilder();
        s.append(headline()).append("\n\n");
        s.append("What:          ").append(event.kind()).append('\n');
        s.append("When:          ").append(event.ts()).append('\n');
        line(s, "PhoneManager:  ", event.phoneManager());
        line(s, "Range:         ", event.range());
        line(s, "Phone:         ", event.phone());
        line(s, "Detail:        ", event.detail());
        state.ifPresent(st -> {
            s.append("\nState at start:\n");
            st.phoneManagers().forEach(p -> s.append("  PhoneManager ").append(p.name()).append(": ")
                    .append(p.state()).append('\n'));
            st.ranges().forEach(r -> s.append("  Range ").append(r.name()).append(": on ").append(r.target())
                    .append(r.reason().isEmpty() ? "" : " (" + r.reason() + ")").append('\n'));
        });
        s.append("\n-- \nPhoneController (docs/events.md explains every kind; 'phonectl status' shows the state now)\n");
        return s.toString();
    }

    private static void line(StringBuilder s, String label, String value) {
        if (!value.isEmpty()) {
            s.append(label).append(value).append('\n');
        }
    }
}
