package org.phonecontroller.daemon.discovery;

import java.time.Duration;
import org.phonecontroller.config.ScanSettings;

/**
 * How discovery paces itself.
 *
 * @param ratePerSecond         addresses asked per second (per scan)
 * @param maxInFlight           addresses being asked at once
 * @param retries               extra attempts for an address where nothing answered
 * @param missedScansBeforeGone scans a known phone may miss before it is GONE
 * @param callTimeout           a guard over the adapters' own timeouts
 */
public record ScanPolicy(int ratePerSecond, int maxInFlight, int retries, int missedScansBeforeGone,
                         Duration callTimeout) {

    public ScanPolicy {
        if (ratePerSecond < 1 || maxInFlight < 1 || retries < 0 || missedScansBeforeGone < 1) {
            throw new IllegalArgumentException("invalid scan policy " + ratePerSecond + "/s, " + maxInFlight
                    + " in flight, " + retries + " retries, gone after " + missedScansBeforeGone);
        }
    }

    public static ScanPolicy of(ScanSettings scan) {
        return new ScanPolicy(scan.ratePerSecond(), 64, scan.retries(), scan.missedScansBeforeGone(),
                scan.timeout().multipliedBy(4).plusSeconds(5));
    }
}
