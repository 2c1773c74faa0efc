package org.phonecontroller.config.internal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phonecontroller.config.AdminSettings;
import org.phonecontroller.config.BusyPolicy;
import org.phonecontroller.config.Durations;
import org.phonecontroller.config.FailbackMode;
import org.phonecontroller.config.FailoverSettings;
import org.phonecontroller.config.ProbeSettings;
import org.phonecontroller.config.ProvisioningSettings;
import org.phonecontroller.config.ScanSettings;
import org.phonecontroller.config.StorageSettings;
import org.phonecontroller.ranges.IpAddresses;

/** Reads the settings sections (probe, failover, scan, storage, admin); absent keys take their defaults. */
final class SettingsReader {
    private static final Duration ONE_MS = Duration.ofMillis(1);

    private final Problems problems;

    SettingsReader(Problems problems) {
        this.problems = problems;
    }

    ProbeSettings probe(Optional<YamlNode> node) {
        ProbeSettings d = ProbeSettings.DEFAULTS;
        Optional<MappingReader> m = section(node, "probe",
                List.of("interval", "timeout", "failuresToDown", "successesToUp", "witnesses"));
        if (m.isEmpty()) {
            return d;
        }
        MappingReader r = m.get();
        Duration interval = duration(r, "interval", d.interval());
        Duration timeout = duration(r, "timeout", d.timeout());
        if (timeout.compareTo(interval) >= 0) {
            YamlNode at = r.get("timeout").or(() -> r.get("interval")).orElse(r.mapping());
            problems.add(at, "probe.timeout (" + Durations.format(timeout)
                    + ") must be shorter than probe.interval (" + Durations.format(interval)
                    + "), or probes would overlap");
        }
        List<String> witnesses = new ArrayList<>();
        r.get("witnesses").flatMap(w -> Values.list(w, "probe.witnesses", problems)).ifPresent(items -> {
            for (YamlNode item : items) {
                Values.text(item, "probe.witnesses", problems).ifPresent(t -> {
                    try {
                        witnesses.add(HostPort.parse(t).toString());
                    } catch (IllegalArgumentException e) {
                        problems.add(item, "probe.witnesses: " + e.getMessage());
                    }
                });
            }
        });
        return new ProbeSettings(interval, timeout, integer(r, "failuresToDown", d.failuresToDown(), 1, 100),
                integer(r, "successesToUp", d.successesToUp(), 1, 100), witnesses);
    }

    FailoverSettings failover(Optional<YamlNode> node) {
        FailoverSettings d = FailoverSettings.DEFAULTS;
        Optional<MappingReader> m = section(node, "failover", List.of("maxInFlight", "maxPerSecond", "busyPhones",
                "maxBusyDeferral", "failback", "automaticFailbackAfter"));
        if (m.isEmpty()) {
            return d;
        }
        MappingReader r = m.get();
        Map<String, BusyPolicy> busy = new LinkedHashMap<>();
        busy.put("defer", BusyPolicy.DEFER);
        busy.put("ignore", BusyPolicy.IGNORE);
        Map<String, FailbackMode> failback = new LinkedHashMap<>();
        failback.put("manual", FailbackMode.MANUAL);
        failback.put("automatic", FailbackMode.AUTOMATIC);
        return new FailoverSettings(
                integer(r, "maxInFlight", d.maxInFlight(), 1, 100_000),
                integer(r, "maxPerSecond", d.maxPerSecond(), 1, 1_000_000),
                r.get("busyPhones").flatMap(v -> Values.choice(v, "failover.busyPhones", busy, problems))
                        .orElse(d.busyPhones()),
                duration(r, "maxBusyDeferral", d.maxBusyDeferral()),
                r.get("failback").flatMap(v -> Values.choice(v, "failover.failback", failback, problems))
                        .orElse(d.failback()),
                duration(r, "automaticFailbackAfter", d.automaticFailbackAfter()));
    }

    ScanSettings scan(Optional<YamlNode> node) {
        ScanSettings d = ScanSettings.DEFAULTS;
        Optional<MappingReader> m = section(node, "scan",
                List.of("schedule", "ratePerSecond", "timeout", "retries", "missedScansBeforeGone"));
        if (m.isEmpty()) {
            return d;
        }
        MappingReader r = m.get();
        String schedule = d.schedule();
        Optional<YamlNode> scheduleNode = r.get("schedule");
        if (scheduleNode.isPresent()) {
            Optional<String> text = Values.text(scheduleNode.get(), "scan.schedule", problems);
            if (text.isPresent()) {
                Optional<String> bad = CronSyntax.problem(text.get());
                if (bad.isPresent()) {
                    problems.add(scheduleNode.get(), "scan.schedule '" + Problems.shorten(text.get().strip()) + "' "
                            + bad.get());
                } else {
                    schedule = text.get().strip();
                }
            }
        }
        return new ScanSettings(schedule, integer(r, "ratePerSecond", d.ratePerSecond(), 1, 10_000_000),
                duration(r, "timeout", d.timeout()), integer(r, "retries", d.retries(), 0, 10),
                integer(r, "missedScansBeforeGone", d.missedScansBeforeGone(), 1, 1000));
    }

    StorageSettings storage(Optional<YamlNode> node) {
        StorageSettings d = StorageSettings.DEFAULTS;
        Optional<MappingReader> m = section(node, "storage", List.of("url", "user", "clusterCheckinInterval"));
        if (m.isEmpty()) {
            return d;
        }
        MappingReader r = m.get();
        String url = d.url();
        Optional<YamlNode> urlNode = r.get("url");
        if (urlNode.isPresent()) {
            Optional<String> text = Values.text(urlNode.get(), "storage.url", problems);
            if (text.isPresent() && !(text.get().startsWith("jdbc:h2:") || text.get().startsWith("jdbc:postgresql:"))) {
                problems.add(urlNode.get(), "storage.url must start with jdbc:h2: or jdbc:postgresql:");
            } else if (text.isPresent()) {
                if (text.get().toLowerCase(java.util.Locale.ROOT).contains("password=")) {
                    problems.add(urlNode.get(), "storage.url must not contain a password; put it in the credentials"
                            + " file as storage: { password: ... }");
                }
                url = text.get().strip();
            }
        }
        Optional<String> user = r.get("user").flatMap(v -> Values.text(v, "storage.user", problems));
        Duration checkin = r.get("clusterCheckinInterval").flatMap(v -> Values.duration(v,
                "storage.clusterCheckinInterval", Duration.ofMillis(100), problems))
                .orElse(d.clusterCheckinInterval());
        return new StorageSettings(url, user, checkin);
    }

    AdminSettings admin(Optional<YamlNode> node, Path configDir) {
        Path defaultToken = configDir.resolve(AdminSettings.DEFAULT_TOKEN_FILE).normalize();
        Optional<MappingReader> m = section(node, "admin", List.of("listen", "tokenFile", "allowRemote", "tls"));
        if (m.isEmpty()) {
            return new AdminSettings(AdminSettings.DEFAULT_HOST, AdminSettings.DEFAULT_PORT, defaultToken);
        }
        MappingReader r = m.get();
        boolean allowRemote = r.get("allowRemote").flatMap(v -> Values.bool(v, "admin.allowRemote", problems))
                .orElse(false);
        Optional<AdminSettings.Tls> tls = r.get("tls").flatMap(v -> adminTls(v, configDir));
        String host = AdminSettings.DEFAULT_HOST;
        int port = AdminSettings.DEFAULT_PORT;
        Optional<YamlNode> listen = r.get("listen");
        if (listen.isPresent()) {
            Optional<String> text = Values.text(listen.get(), "admin.listen", problems);
            if (text.isPresent()) {
                try {
                    HostPort hp = HostPort.parse(text.get());
                    boolean loopback = hp.host().equals("localhost")
                            || IpAddresses.tryParse(hp.host()).filter(a -> a.isLoopbackAddress()).isPresent();
                    if (!loopback && !(allowRemote && tls.isPresent())) {
                        problems.add(listen.get(), "admin.listen must be a loopback address (127.0.0.1, ::1 or "
                                + "localhost), not '" + hp.host() + "': the admin API is exposed to the network only"
                                + " with admin.allowRemote: true and admin.tls { keyStore, passwordFile }");
                    } else {
                        host = hp.host();
                        port = hp.port().orElse(AdminSettings.DEFAULT_PORT);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(listen.get(), "admin.listen: " + e.getMessage());
                }
            }
        }
        Path token = r.get("tokenFile").flatMap(v -> path(v, "admin.tokenFile", configDir)).orElse(defaultToken);
        return new AdminSettings(host, port, token, allowRemote, tls);
    }

    /** {@code provisioning:}; absent means no provisioning server. */
    Optional<ProvisioningSettings> provisioning(Optional<YamlNode> node, Path configDir) {
        Optional<MappingReader> m = section(node, "provisioning",
                List.of("listen", "tls", "source", "fetchDeadline", "triggers"));
        if (m.isEmpty()) {
            return Optional.empty();
        }
        MappingReader r = m.get();
        String host = ProvisioningSettings.DEFAULT_HOST;
        int port = ProvisioningSettings.DEFAULT_PORT;
        Optional<YamlNode> listen = r.get("listen");
        if (listen.isPresent()) {
            Optional<String> text = Values.text(listen.get(), "provisioning.listen", problems);
            if (text.isPresent()) {
                try {
                    HostPort hp = HostPort.parse(text.get());
                    host = hp.host();
                    port = hp.port().orElse(ProvisioningSettings.DEFAULT_PORT);
                } catch (IllegalArgumentException e) {
                    problems.add(listen.get(), "provisioning.listen: " + e.getMessage());
                }
            }
        }
        Optional<AdminSettings.Tls> tls = r.get("tls").flatMap(v -> tls(v, "provisioning.tls", configDir));
        ProvisioningSettings.Source source = r.get("source").flatMap(v -> provisioningSource(v, configDir))
                .orElse(new ProvisioningSettings.Source.Template());
        Duration deadline = r.get("fetchDeadline").flatMap(v -> Values.duration(v, "provisioning.fetchDeadline",
                Duration.ofMillis(100), problems)).orElse(ProvisioningSettings.DEFAULT_FETCH_DEADLINE);
        if (deadline.compareTo(Duration.ofSeconds(9)) > 0) {
            problems.add(r.get("fetchDeadline").orElseThrow(), "provisioning.fetchDeadline must be at most 9s (the "
                    + "reconciler gives one exchange with a phone 10s and retries a phone that did not fetch)");
        }
        int triggers = integer(r, "triggers", ProvisioningSettings.DEFAULT_TRIGGERS, 1, 10);
        return Optional.of(new ProvisioningSettings(host, port, tls, source, deadline, triggers));
    }

    private Optional<ProvisioningSettings.Source> provisioningSource(YamlNode node, Path configDir) {
        return MappingReader.of(node, "provisioning.source",
                List.of("directory", "url", "credentials", "cacheDir", "timeout", "maxBytes"), problems).flatMap(s -> {
            int maxBytes = integer(s, "maxBytes", ProvisioningSettings.DEFAULT_MAX_BYTES, 1024, 64 << 20);
            Optional<YamlNode> dir = s.get("directory");
            Optional<YamlNode> url = s.get("url");
            if (dir.isPresent() == url.isPresent()) {
                problems.add(node, "provisioning.source needs exactly one of directory or url");
                return Optional.empty();
            }
            if (dir.isPresent()) {
                for (String k : List.of("credentials", "cacheDir", "timeout")) {
                    s.get(k).ifPresent(v -> problems.add(v, "provisioning.source." + k + " is for a url source"));
                }
                return path(dir.get(), "provisioning.source.directory", configDir).flatMap(p -> {
                    if (!Files.isDirectory(p)) {
                        problems.add(dir.get(), "provisioning.source.directory is not a folder (resolved to " + p
                                + ")");
                        return Optional.empty();
                    }
                    return Optional.of(new ProvisioningSettings.Source.Directory(p, maxBytes));
                });
            }
            Optional<URI> uri = Values.text(url.get(), "provisioning.source.url", problems).flatMap(t -> {
                try {
                    URI u = new URI(t.strip());
                    if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                        problems.add(url.get(), "provisioning.source.url must be an http:// or https:// URL with a"
                                + " host, not '" + Problems.shorten(t) + "'");
                        return Optional.empty();
                    }
                    if (u.getUserInfo() != null) {
                        problems.add(url.get(), "provisioning.source.url must not carry a user or password; name a"
                                + " key of the credentials file in provisioning.source.credentials");
                        return Optional.empty();
                    }
                    String path = u.getPath() == null || u.getPath().isEmpty() ? "/" : u.getPath();
                    return Optional.of(new URI(u.getScheme(), null, u.getHost(), u.getPort(),
                            path.endsWith("/") ? path : path + "/", null, null));
                } catch (java.net.URISyntaxException e) {
                    problems.add(url.get(), "provisioning.source.url is not a URL: " + e.getReason());
                    return Optional.empty();
                }
            });
            Optional<String> credentials = s.get("credentials")
                    .flatMap(v -> Values.text(v, "provisioning.source.credentials", problems));
            Path cache = s.get("cacheDir").flatMap(v -> path(v, "provisioning.source.cacheDir", configDir))
                    .orElse(configDir.resolve("data/provisioning-cache").normalize());
            Duration timeout = s.get("timeout").flatMap(v -> Values.duration(v, "provisioning.source.timeout",
                    Duration.ofMillis(100), problems)).orElse(Duration.ofSeconds(3));
            return uri.map(u -> new ProvisioningSettings.Source.Upstream(u, credentials, cache, timeout, maxBytes));
        });
    }

    private Optional<AdminSettings.Tls> tls(YamlNode node, String what, Path configDir) {
        return MappingReader.of(node, what, List.of("keyStore", "passwordFile"), problems).flatMap(t -> {
            Optional<Path> keyStore = t.get("keyStore").flatMap(v -> path(v, what + ".keyStore", configDir));
            Optional<Path> passwordFile = t.get("passwordFile").flatMap(v -> path(v, what + ".passwordFile",
                    configDir));
            if (keyStore.isEmpty() || passwordFile.isEmpty()) {
                problems.add(node, what + " needs keyStore and passwordFile");
                return Optional.empty();
            }
            return Optional.of(new AdminSettings.Tls(keyStore.get(), passwordFile.get()));
        });
    }

    private Optional<AdminSettings.Tls> adminTls(YamlNode node, Path configDir) {
        return MappingReader.of(node, "admin.tls", List.of("keyStore", "passwordFile"), problems).flatMap(t -> {
            Optional<Path> keyStore = t.get("keyStore").flatMap(v -> path(v, "admin.tls.keyStore", configDir));
            Optional<Path> passwordFile = t.get("passwordFile")
                    .flatMap(v -> path(v, "admin.tls.passwordFile", configDir));
            if (keyStore.isEmpty() || passwordFile.isEmpty()) {
                problems.add(node, "admin.tls needs keyStore and passwordFile");
                return Optional.empty();
            }
            return Optional.of(new AdminSettings.Tls(keyStore.get(), passwordFile.get()));
        });
    }

    /** A path value, resolved against the configuration's folder. */
    Optional<Path> path(YamlNode node, String what, Path configDir) {
        return Values.text(node, what, problems).flatMap(t -> {
            try {
                return Optional.of(configDir.resolve(t.strip()).normalize());
            } catch (java.nio.file.InvalidPathException e) {
                problems.add(node, what + " is not a valid path: " + e.getReason());
                return Optional.empty();
            }
        });
    }

    private Optional<MappingReader> section(Optional<YamlNode> node, String name, List<String> keys) {
        return node.flatMap(n -> MappingReader.of(n, name, keys, problems));
    }

    private int integer(MappingReader r, String key, int fallback, int min, int max) {
        return r.get(key).flatMap(v -> Values.integer(v, r.where() + "." + key, min, max, problems)).orElse(fallback);
    }

    private Duration duration(MappingReader r, String key, Duration fallback) {
        return r.get(key).flatMap(v -> Values.duration(v, r.where() + "." + key, ONE_MS, problems)).orElse(fallback);
    }
}
