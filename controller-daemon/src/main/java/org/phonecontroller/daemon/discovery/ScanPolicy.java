package org.phonecontroller.daemon.discovery;

import java.time.Duration;
import java.util.Objects;
import org.phonecontroller.config.ScanSettings;

/**
 * How discovery paces itself.
 *
 * @param ratePerSecond         sweep requests per second (per scan, every kind together)
 * @param maxInFlight           addresses that answered the sweep being identified at once
 * @param retries               extra sweep rounds for silent addresses (the only place a silent address is retried)
 * @param missedScansBeforeGone scans a known phone may miss before it is GONE
 * @param callTimeout           a guard over the adapters' own timeouts when identifying and reading servers
 * @param timeout               how long a sweep request waits for its answer ({@code scan.timeout})
 */
public record ScanPolicy(int ratePerSecond, int maxInFlight, int retries, int missedScansBeforeGone,
                         Duration callTimeout, Duration timeout) {

    public ScanPolicy {
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(timeout, "timeout");
        if (ratePerSecond < 1 || maxInFlight < 1 || retries < 0 || missedScansBeforeGone < 1) {
            throw new IllegalArgumentException("invalid scan policy " + ratePerSecond + "/s, " + maxInFlight
                    + " in flight, " + retries + " retries, gone after " + missedScansBeforeGone);
        }
    }

    /** With a 1 s sweep answer window. */
    public ScanPolicy(int ratePerSecond, int maxInFlight, int retries, int missedScansBeforeGone,
                      Duration callTimeout) {
        this(ratePerSecond, maxInFlight, retries, missedScansBeforeGone, callTimeout, Duration.ofSeconds(1));
    }

    public static ScanPolicy of(ScanSettings scan) {
        return new ScanPolicy(scan.ratePerSecond(), 64, scan.retries(), scan.missedScansBeforeGone(),
                scan.timeout().multipliedBy(4).plusSeconds(5), scan.timeout());
    }

    /** The pipeline's settings. */
    public DiscoveryPipeline.Settings sweep() {
        return new DiscoveryPipeline.Settings(ratePerSecond, timeout, Math.min(retries, 10), maxInFlight);
    }
}
