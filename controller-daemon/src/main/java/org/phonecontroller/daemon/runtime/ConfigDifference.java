package org.phonecontroller.daemon.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.ProvisioningSettings;
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
        provisioning(changes, before.provisioning(), after.provisioning());
        if (!before.storage().equals(after.storage())) {
            changes.add("storage changed: takes effect at the next start");
        }
        if (!before.admin().equals(after.admin())) {
            changes.add("admin changed: takes effect at the next start");
        }
        return changes;
    }

    /** Ranges, credentials and source take effect with the new runtime; where the server listens at the next start. */
    private static void provisioning(List<String> changes, Optional<ProvisioningSettings> before,
                                     Optional<ProvisioningSettings> after) {
        if (before.equals(after)) {
            return;
        }
        if (before.isEmpty()) {
            changes.add("provisioning added (a provisioning server that did not run starts with the next start)");
        } else if (after.isEmpty()) {
            changes.add("provisioning removed: no range is provisioned; the server stops at the next start");
        } else {
            ProvisioningSettings a = before.get();
            ProvisioningSettings b = after.get();
            if (!a.host().equals(b.host()) || a.port() != b.port() || !a.tls().equals(b.tls())) {
                changes.add("provisioning listen/tls changed: takes effect at the next start");
            }
            if (!a.source().equals(b.source()) || !a.fetchDeadline().equals(b.fetchDeadline())
                    || a.triggers() != b.triggers()) {
                changes.add("provisioning settings changed");
            }
        }
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
