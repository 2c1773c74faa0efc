package org.phonecontroller.daemon.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.RangeConfig;

/** What changed between two configurations, in words (for CONFIG_APPLIED and the reload answer). */
final class ConfigDifference {

    private ConfigDifference() {
    }

    static List<String> between(ControllerConfig before, ControllerConfig after) {
        List<String> changes = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(before.phoneManagers().keySet());
        names.addAll(after.phoneManagers().keySet());
        for (String pm : names) {
            var a = before.phoneManager(pm);
            var b = after.phoneManager(pm);
            if (a.isEmpty()) {
                changes.add("PhoneManager " + pm + " added");
            } else if (b.isEmpty()) {
                changes.add("PhoneManager " + pm + " removed");
            } else if (!a.equals(b)) {
                changes.add("PhoneManager " + pm + " changed");
            }
        }
        Set<String> ranges = new LinkedHashSet<>();
        before.ranges().forEach(r -> ranges.add(r.name()));
        after.ranges().forEach(r -> ranges.add(r.name()));
        for (String range : ranges) {
            var a = before.range(range);
            var b = after.range(range);
            if (a.isEmpty()) {
                changes.add("range " + range + " added");
            } else if (b.isEmpty()) {
                changes.add("range " + range + " removed (its phones stay in the inventory)");
            } else if (!sameRange(a.get(), b.get())) {
                changes.add("range " + range + " changed");
            }
        }
        section(changes, "probe", before.probe(), after.probe());
        section(changes, "failover", before.failover(), after.failover());
        section(changes, "scan", before.scan(), after.scan());
        if (!before.storage().equals(after.storage())) {
            changes.add("storage changed: takes effect at the next start");
        }
        if (!before.admin().equals(after.admin())) {
            changes.add("admin changed: takes effect at the next start");
        }
        return changes;
    }

    private static boolean sameRange(RangeConfig a, RangeConfig b) {
        return a.equals(b);
    }

    private static void section(List<String> changes, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            changes.add(name + " settings changed");
        }
    }
}
