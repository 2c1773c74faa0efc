package org.phonecontroller.scenarios;

import java.time.Instant;

/** One line of the daemon's {@code logs/events.jsonl}, as documented in docs/events.md. */
record EventLine(Instant ts, String kind, String range, String phone, String phoneManager, String detail) {

    boolean is(String wantedKind) {
        return kind.equals(wantedKind);
    }

    @Override
    public String toString() {
        return ts + " " + kind + (range == null ? "" : " range=" + range) + (phone == null ? "" : " phone=" + phone)
                + (phoneManager == null ? "" : " pm=" + phoneManager) + (detail == null ? "" : " " + detail);
    }
}
