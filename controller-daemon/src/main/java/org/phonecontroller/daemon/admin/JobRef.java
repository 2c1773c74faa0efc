package org.phonecontroller.daemon.admin;

/**
 * A job the daemon started; follow it with {@link AdminOperations#job(String)}.
 *
 * @param id    the job id (stable, usable in {@code GET /api/jobs/{id}}: letters, digits, '-', '_', '.', ':')
 * @param kind  what it does
 * @param range the range it works on, {@code null} when it covers every range
 */
public record JobRef(String id, JobKind kind, String range) {

    /** What a job does. */
    public enum JobKind {
        SCAN, FAILOVER, FAILBACK
    }
}
