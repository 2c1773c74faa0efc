package org.phonecontroller.config.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.ranges.RangeIndex;

/** Reads {@code controller.yaml} into a {@link ConfigDraft}, reporting every problem of the file itself. */
public final class ControllerConfigReader {
    /** The top-level keys, in documentation order. */
    public static final List<String> ROOT_KEYS = List.of("phoneManagers", "ranges", "probe", "failover", "scan",
            "storage", "admin", "credentialsFile", "profilesDir", "notify");
    static final String DEFAULT_CREDENTIALS_FILE = "credentials.yaml";
    static final String DEFAULT_PROFILES_DIR = "profiles";
    private static final int MAX_OVERLAPS = 100;

    private ControllerConfigReader() {
    }

    /**
     * @param configDir the absolute folder of the configuration file, against which paths are resolved
     */
    public static Optional<ConfigDraft> read(YamlNode root, Path configDir, Problems problems) {
        if (root instanceof YamlNode.Scalar || root instanceof YamlNode.Sequence) {
            problems.add(root, "the configuration must be a mapping with the keys " + String.join(", ", ROOT_KEYS)
                    + ", not " + root.kind());
            return Optional.empty();
        }
        Optional<MappingReader> m = MappingReader.of(root, "the configuration", ROOT_KEYS, problems);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        MappingReader r = m.get();
        TopologyReader topology = new TopologyReader(problems);
        List<String> pmNames = new ArrayList<>();
        Map<String, PhoneManagerConfig> phoneManagers = r.require("phoneManagers")
                .map(n -> topology.phoneManagers(n, pmNames)).orElse(Map.of());
        List<RangeDraft> ranges = r.require("ranges").map(n -> topology.ranges(n, pmNames)).orElse(List.of());
        reportOverlaps(ranges, problems);

        SettingsReader settings = new SettingsReader(problems);
        Optional<YamlNode> credentialsNode = r.get("credentialsFile");
        Path credentials = credentialsNode.flatMap(n -> settings.path(n, "credentialsFile", configDir))
                .orElse(configDir.resolve(DEFAULT_CREDENTIALS_FILE));
        Optional<YamlNode> profilesNode = r.get("profilesDir");
        Path profiles = profilesNode.flatMap(n -> settings.path(n, "profilesDir", configDir))
                .orElse(configDir.resolve(DEFAULT_PROFILES_DIR));
        if (profilesNode.isPresent() && !Files.isDirectory(profiles)) {
            problems.add(profilesNode.get(), "profilesDir '" + profilesNode.map(ControllerConfigReader::text).orElse("")
                    + "' is not a folder (resolved to " + profiles + ")");
        }
        return Optional.of(new ConfigDraft(phoneManagers, ranges, settings.probe(r.get("probe")),
                settings.failover(r.get("failover")), settings.scan(r.get("scan")), settings.storage(r.get("storage")),
                settings.admin(r.get("admin"), configDir), credentials, credentialsNode, profiles,
                topology.amiReferences,
                r.get("notify").map(n -> NotifyReader.read(n, configDir, problems)).orElse(List.of())));
    }

    private static String text(YamlNode node) {
        return node instanceof YamlNode.Scalar s ? Problems.shorten(s.text()) : "";
    }

    /** A block and the range it belongs to. */
    private record Owned(RangeDraft.Located block, RangeDraft range) {
    }

    /** Every pair of blocks that share addresses, across ranges and within one (at most MAX_OVERLAPS). */
    private static void reportOverlaps(List<RangeDraft> ranges, Problems problems) {
        List<RangeIndex.Entry<Owned>> entries = new ArrayList<>();
        for (RangeDraft range : ranges) {
            for (RangeDraft.Located block : range.addressNodes()) {
                entries.add(new RangeIndex.Entry<>(block.range(), new Owned(block, range)));
            }
        }
        for (RangeIndex.Overlap<Owned> overlap : RangeIndex.of(entries).overlaps(MAX_OVERLAPS)) {
            RangeDraft first = overlap.first().value().range();
            RangeDraft second = overlap.second().value().range();
            String span = overlap.span().toSpanString();
            YamlNode at = overlap.second().value().block().node();
            if (first == second) {
                problems.add(at, "range '" + second.name() + "' lists " + overlap.first().range() + " and "
                        + overlap.second().range() + ", which overlap at " + span);
            } else {
                problems.add(at, "range '" + second.name() + "' overlaps '" + first.name() + "' at " + span);
            }
        }
    }
}
