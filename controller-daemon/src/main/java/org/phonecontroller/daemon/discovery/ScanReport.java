package org.phonecontroller.daemon.discovery;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one discovery scan of one range.
 *
 * @param range      the range
 * @param startedAt  when it started
 * @param finishedAt when it ended
 * @param swept      addresses asked
 * @param found      phones identified (and upserted)
 * @param refused    addresses where something answered but refused every protocol (e.g. wrong credentials)
 * @param gone       phones that this scan marked GONE (missing from enough scans in a row)
 */
public record ScanReport(String range, Instant startedAt, Instant finishedAt, long swept, int found, int refused,
                         List<String> gone) {
    public ScanReport {
        gone = List.copyOf(gone);
    }
}
