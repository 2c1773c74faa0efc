package org.phonecontroller.daemon.admin;

/**
 * The body of {@code POST /api/scan} and {@code POST /api/failover}.
 *
 * @param range a range name; {@code null} (scan only) for every range
 */
public record RangeRequest(String range) {
}
