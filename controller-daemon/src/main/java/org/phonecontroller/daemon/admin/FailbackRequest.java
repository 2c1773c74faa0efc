package org.phonecontroller.daemon.admin;

/**
 * {@code phonectl failback}: bring the phones of one range, or of every range, back to their primary.
 *
 * @param range  the range; {@code null} together with {@code all}
 * @param all    every range that is not on its primary
 * @param dryRun change nothing, list what would change
 * @param force  fail back even though a primary is not UP
 */
public record FailbackRequest(String range, boolean all, boolean dryRun, boolean force) {

    public FailbackRequest {
        if ((range == null) == !all) {
            throw new IllegalArgumentException("a failback names one range or all ranges: give either a range or all");
        }
    }
}
