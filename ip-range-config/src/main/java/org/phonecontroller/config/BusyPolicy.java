package org.phonecontroller.config;

/** What failover does with a phone that is in a call. YAML: {@code defer}, {@code ignore}. */
public enum BusyPolicy {
    /** Wait until the call ends (at most {@code maxBusyDeferral}), then reprogram the phone. */
    DEFER,
    /** Reprogram the phone at once, even in a call. */
    IGNORE
}
