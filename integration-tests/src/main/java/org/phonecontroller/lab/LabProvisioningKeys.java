package org.phonecontroller.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.phonecontroller.lab.LabConfig.ProvisioningSpec;
import org.phonecontroller.lab.internal.Durations;
import org.phonecontroller.lab.internal.Ipv4Ranges;

/**
 * The {@code provisioning} key of a lab.yaml phone group: {@code { url: "http://127.x.y.z:8880/", bootDelay: 3s,
 * timeout: 5s }}. Only vendors whose lab phones follow a provisioning firmware may have it; the URL must be a
 * loopback {@code http://} URL.
 */
final class LabProvisioningKeys {
    static final Set<Vendor> PROVISIONING_VENDORS = EnumSet.of(Vendor.YEALINK, Vendor.CISCO_MPP, Vendor.FANVIL,
            Vendor.POLYCOM_REST, Vendor.SNOM, Vendor.GRANDSTREAM);
    private static final Set<String> KEYS = Set.of("url", "bootDelay", "timeout");

    private LabProvisioningKeys() {
    }

    /** Reads the group's {@code provisioning}; every problem goes to {@code problem(path, message)}. */
    static Optional<ProvisioningSpec> read(JsonNode group, String groupPath, Vendor vendor,
                                           BiConsumer<String, String> problem) {
        JsonNode n = group.get("provisioning");
        if (n == null) {
            return Optional.empty();
        }
        String path = groupPath + ".provisioning";
        if (!PROVISIONING_VENDORS.contains(vendor)) {
            problem.accept(path, "vendor " + vendor + " does not take provisioning in the lab (only "
                    + new TreeSet<>(PROVISIONING_VENDORS.stream().map(Vendor::configName).toList()) + ")");
            return Optional.empty();
        }
        if (group.has("http")) {
            problem.accept(groupPath + ".http", "a phone with provisioning takes its servers only from its files and"
                    + " offers no vendor HTTP API in the lab; leave out http");
        }
        if (group.has("provisioningUrl")) {
            problem.accept(groupPath + ".provisioningUrl", "use either provisioningUrl (check-sync only, legacy) or"
                    + " provisioning, not both");
        }
        if (!n.isObject()) {
            problem.accept(path, "expected { url: \"http://127.x.y.z:PORT/\", bootDelay: 3s, timeout: 5s }");
            return Optional.empty();
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                problem.accept(path + "." + k, "unknown key (known: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        });
        URI url = url(n.get("url"), path + ".url", problem);
        Duration bootDelay = duration(n, "bootDelay", ProvisioningSpec.DEFAULT_BOOT_DELAY, path, problem);
        Duration timeout = duration(n, "timeout", ProvisioningSpec.DEFAULT_TIMEOUT, path, problem);
        if (timeout.isZero()) {
            problem.accept(path + ".timeout", "must be longer than 0");
        }
        return url == null ? Optional.empty() : Optional.of(new ProvisioningSpec(url, bootDelay, timeout));
    }

    private static URI url(JsonNode n, String path, BiConsumer<String, String> problem) {
        if (n == null || !n.isTextual()) {
            problem.accept(path, "missing (the provisioning server's base URL, e.g. \"http://127.20.0.5:8880/\")");
            return null;
        }
        String text = n.asText();
        try {
            URI uri = URI.create(text);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                problem.accept(path, "'" + text + "' is not an http:// URL");
                return null;
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problem.accept(path, "'" + text + "' has a query or fragment; give the base URL the files are under");
                return null;
            }
            if (!Ipv4Ranges.isLoopback(Ipv4Ranges.parseAddress(uri.getHost()) & 0xffffffffL)) {
                problem.accept(path, "host of '" + text + "' is outside 127.0.0.0/8; the lab only uses loopback");
                return null;
            }
            return uri;
        } catch (IllegalArgumentException e) {
            problem.accept(path, "'" + text + "' is not a loopback http URL: " + e.getMessage());
            return null;
        }
    }

    private static Duration duration(JsonNode n, String key, Duration def, String path,
                                     BiConsumer<String, String> problem) {
        JsonNode v = n.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Durations.parse(v.asText());
        } catch (IllegalArgumentException e) {
            problem.accept(path + "." + key, e.getMessage());
            return def;
        }
    }
}
