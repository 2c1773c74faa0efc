package org.phonecontroller.daemon.diagnostics;

import java.util.List;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.RangeConfig;

/**
 * Where a phone belongs and whether its servers match its range: the first server it is configured with is the
 * range's primary, its fallback, or neither.
 *
 * @param range    the configured range holding the address
 * @param primary  the primary PhoneManager, {@code name (host:port)}
 * @param fallback the fallback PhoneManager
 * @param serversOn PRIMARY, FALLBACK, OTHER (neither), or UNKNOWN (servers not read)
 * @param expected  what the daemon would push for the target the phone is on (its PhoneManager first, the other
 *                  second); null when on neither
 * @param complete  whether the phone's servers are exactly {@code expected} or its leading part
 */
public record RangePlacement(String range, String primary, String fallback, String serversOn,
                             List<String> expected, Boolean complete) {

    public static RangePlacement of(RangeConfig range, ControllerConfig config, List<String> servers) {
        PhoneManagerConfig primary = config.phoneManager(range.primary()).orElseThrow();
        PhoneManagerConfig fallback = config.phoneManager(range.fallback()).orElseThrow();
        String p = primary.address();
        String f = fallback.address();
        if (servers == null || servers.isEmpty()) {
            return new RangePlacement(range.name(), show(primary), show(fallback), "UNKNOWN", null, null);
        }
        String first = servers.get(0);
        List<String> expected = first.equals(p) ? List.of(p, f) : first.equals(f) ? List.of(f, p) : null;
        String on = first.equals(p) ? "PRIMARY" : first.equals(f) ? "FALLBACK" : "OTHER";
        Boolean complete = expected == null ? null
                : servers.size() <= expected.size() && servers.equals(expected.subList(0, servers.size()));
        return new RangePlacement(range.name(), show(primary), show(fallback), on, expected, complete);
    }

    private static String show(PhoneManagerConfig pm) {
        return pm.name() + " (" + pm.address() + ")";
    }
}
