package org.phonecontroller.daemon.failover;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.phonecontroller.daemon.inventory.Target;

/**
 * The outcome of one reconciler run over one range.
 *
 * @param range      the range
 * @param target     the target it drove the phones to
 * @param startedAt  when the run started
 * @param finishedAt when it ended
 * @param verified   phones on target at the end (pushed or already there)
 * @param pushed     of those, phones that needed a push in this run
 * @param failed     phones whose retries ran out, each with its reason
 * @param ending     why the run ended
 */
public record ReconcileReport(String range, Target target, Instant startedAt, Instant finishedAt, int verified,
                              int pushed, List<PhoneProblem> failed, Ending ending) {

    public ReconcileReport {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(target, "target");
        failed = List.copyOf(failed);
        Objects.requireNonNull(ending, "ending");
    }

    /** A phone that did not end on target, and why. */
    public record PhoneProblem(String phone, String reason) {
    }

    /** Why a run ended. */
    public enum Ending {
        /** Every present phone is verified or failed. */
        DONE,
        /** The range's desired target changed; a new run takes over. */
        SUPERSEDED,
        /** The daemon is stopping; the next start resumes from the stored progress. */
        STOPPED
    }
}
