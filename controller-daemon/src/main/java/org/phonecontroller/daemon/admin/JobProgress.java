package org.phonecontroller.daemon.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * How far a job is. For a scan, {@code total} counts addresses to sweep and {@code verified} the phones found;
 * for a failover or failback, {@code total} counts phones to reprogram.
 *
 * @param job        which job
 * @param startedAt  when it started
 * @param finishedAt when it finished; {@code null} while it runs
 * @param total      units of work
 * @param done       units finished (verified + deferred + failed for a push job)
 * @param verified   phones reprogrammed and verified by reading back (scan: phones found)
 * @param deferred   phones put off (in a call beyond the deferral limit, ...)
 * @param failed     phones that could not be reprogrammed
 * @param problems   the phones that were deferred or failed, each with why
 * @param verdict    the outcome so far
 */
public record JobProgress(JobRef job, Instant startedAt, Instant finishedAt, int total, int done, int verified,
                          int deferred, int failed, List<PhoneVerdict> problems, Verdict verdict) {

    public JobProgress {
        problems = List.copyOf(problems);
    }

    /** Whether the job ended (any verdict but RUNNING); also written to JSON as {@code finished}. */
    @JsonProperty("finished")
    public boolean finished() {
        return verdict != Verdict.RUNNING;
    }

    /** The outcome of a job. */
    public enum Verdict {
        RUNNING,
        /** Every phone verified (scan: every address swept). */
        SUCCEEDED,
        /** It finished, but some phones were deferred or failed. */
        PARTLY_FAILED,
        /** It finished without doing its work (e.g. the target PhoneManager went down). */
        FAILED
    }

    /**
     * A phone that did not end on its target.
     *
     * @param phone   its address
     * @param outcome deferred or failed
     * @param reason  why, e.g. "in a call for 10m (limit 10m)", "SNMP timeout after 3 attempts"
     */
    public record PhoneVerdict(String phone, Outcome outcome, String reason) {

        public enum Outcome {
            DEFERRED, FAILED
        }
    }
}
