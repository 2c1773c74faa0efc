package org.phonecontroller.protocols.probe;

/** A nanosecond clock for latencies; {@link #system()} in production, a fake in tests. */
@FunctionalInterface
public interface Ticker {

    long nanoTime();

    static Ticker system() {
        return System::nanoTime;
    }
}
