package org.phonecontroller.daemon.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One event, as written to logs/events.jsonl and the events table. Fields that do not apply are empty strings.
 *
 * @param ts           when it happened
 * @param kind         what happened
 * @param range        the range concerned
 * @param phone        the phone's address
 * @param phoneManager the PhoneManager concerned
 * @param detail       a human sentence with the reason; never a secret
 */
public record Event(Instant ts, EventKind kind, String range, String phone, String phoneManager, String detail) {

    public Event {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(kind, "kind");
        range = Objects.requireNonNullElse(range, "");
        phone = Objects.requireNonNullElse(phone, "");
        phoneManager = Objects.requireNonNullElse(phoneManager, "");
        detail = Objects.requireNonNullElse(detail, "");
    }

    public static Event ofRange(Instant ts, EventKind kind, String range, String detail) {
        return new Event(ts, kind, range, "", "", detail);
    }

    public static Event ofPhoneManager(Instant ts, EventKind kind, String phoneManager, String detail) {
        return new Event(ts, kind, "", "", phoneManager, detail);
    }

    public static Event ofPhone(Instant ts, EventKind kind, String range, String phone, String phoneManager,
                                String detail) {
        return new Event(ts, kind, range, phone, phoneManager, detail);
    }

    public static Event general(Instant ts, EventKind kind, String detail) {
        return new Event(ts, kind, "", "", "", detail);
    }
}
