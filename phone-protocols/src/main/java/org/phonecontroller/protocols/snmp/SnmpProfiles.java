package org.phonecontroller.protocols.snmp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SNMP profiles the controller knows: the built-in ones ({@code sip-ua-generic}, {@code cisco-sip-ua}) and the
 * {@code *.yaml} / {@code *.yml} files of a profiles directory. A file whose profile has a built-in name replaces
 * the built-in one (logged). Immutable.
 */
public final class SnmpProfiles {

    /** The profiles shipped with the controller. */
    public static final List<String> BUILT_IN = List.of("sip-ua-generic", "cisco-sip-ua");

    private static final Logger LOG = LoggerFactory.getLogger(SnmpProfiles.class);

    private final Map<String, SnmpProfile> byName;

    private SnmpProfiles(Map<String, SnmpProfile> byName) {
        this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    }

    /** Only the built-in profiles. */
    public static SnmpProfiles builtIn() {
        return new SnmpProfiles(loadBuiltIns());
    }

    /**
     * The built-in profiles plus every profile file in {@code dir} (none when the directory does not exist).
     *
     * @throws InvalidSnmpProfileException listing the problems of every bad file, or two files with one name
     */
    public static SnmpProfiles load(Optional<Path> dir) {
        Map<String, SnmpProfile> all = loadBuiltIns();
        if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
            dir.ifPresent(d -> LOG.info("SNMP profiles directory {} does not exist; using the built-in profiles", d));
            return new SnmpProfiles(all);
        }
        List<String> problems = new ArrayList<>();
        Map<String, SnmpProfile> fromDir = new TreeMap<>();
        for (Path file : profileFiles(dir.get())) {
            try {
                SnmpProfile p = SnmpProfileParser.parse(file.toString(), Files.readString(file,
                        StandardCharsets.UTF_8));
                SnmpProfile earlier = fromDir.put(p.name(), p);
                if (earlier != null) {
                    problems.add(file + ":1: profile '" + p.name() + "' is also defined in " + earlier.source());
                }
            } catch (InvalidSnmpProfileException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                problems.add(file + ": cannot read: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSnmpProfileException(problems);
        }
        fromDir.forEach((name, p) -> {
            if (all.containsKey(name)) {
                LOG.info("SNMP profile '{}' from {} overrides the built-in profile of that name", name, p.source());
            } else {
                LOG.info("SNMP profile '{}' loaded from {}", name, p.source());
            }
            all.put(name, p);
        });
        return new SnmpProfiles(all);
    }

    /** Parses one profile document (for tools and tests); {@code source} names it in messages. */
    public static SnmpProfile parse(String source, String yaml) {
        return SnmpProfileParser.parse(source, yaml);
    }

    public Optional<SnmpProfile> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Profile names, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    private static List<Path> profileFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
            s.forEach(files::add);
        } catch (IOException e) {
            throw new InvalidSnmpProfileException(List.of(dir + ": cannot list SNMP profiles: " + e.getMessage()));
        }
        Collections.sort(files);
        return files;
    }

    private static Map<String, SnmpProfile> loadBuiltIns() {
        Map<String, SnmpProfile> all = new TreeMap<>();
        for (String name : BUILT_IN) {
            String resource = "profiles/" + name + ".yaml";
            try (InputStream in = SnmpProfiles.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in SNMP profile " + resource + " is missing from the jar");
                }
                SnmpProfile p = SnmpProfileParser.parse("built-in:" + name + ".yaml",
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
                all.put(p.name(), p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }
}
