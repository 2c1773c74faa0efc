package org.phonecontroller.daemon.admin;

import java.time.Instant;

/**
 * One event, as in {@code logs/events.jsonl} plus an id to follow the stream. Fields that do not apply are
 * {@code null}.
 *
 * @param id           increasing with every event of this daemon (the position to resume from)
 * @param ts           when it happened
 * @param kind         e.g. {@code PHONE_MANAGER_DOWN}, {@code FAILOVER_STARTED}, {@code PHONE_FAILED}
 * @param range        the range concerned
 * @param phone        the phone's address
 * @param phoneManager the PhoneManager's name
 * @param detail       a human sentence
 */
public record EventEntry(long id, Instant ts, String kind, String range, String phone, String phoneManager,
                         String detail) {
}
