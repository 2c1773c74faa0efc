package org.phonecontroller.protocols.sweep;

import java.time.Duration;
import java.util.Objects;

/**
 * What a sweep did.
 *
 * @param targets    address × kind pairs in the plan
 * @param sent       requests sent, retries included
 * @param answered   distinct targets that answered (TCP: the handshake completed)
 * @param refused    TCP targets that reset the connection: a host may be there, but nothing listens on the port
 * @param retries    requests that were retries
 * @param garbage    datagrams that were not a valid answer to one of our requests (ignored)
 * @param sendErrors requests the socket refused to send
 * @param duration   from the first send to the end of the last wait
 * @param sending    the time spent sending (first to last send)
 */
public record SweepStats(long targets, long sent, long answered, long refused, long retries, long garbage, long sendErrors,
                         Duration duration, Duration sending) {

    public SweepStats {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(sending, "sending");
    }

    /** Requests per second while sending. */
    public double sendRate() {
        double seconds = sending.toNanos() / 1e9;
        return seconds <= 0 ? sent : sent / seconds;
    }
}
