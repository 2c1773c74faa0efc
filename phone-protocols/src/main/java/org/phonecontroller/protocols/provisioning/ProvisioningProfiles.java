package org.phonecontroller.protocols.provisioning;

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
 * The provisioning profiles the controller knows: the built-in ones ({@link #BUILT_IN}) and the {@code *.yaml} files
 * of {@code <profilesDir>/provisioning/} (the SNMP profiles live in {@code profilesDir} itself). A file whose profile
 * has a built-in name replaces the built-in one. Immutable.
 */
public final class ProvisioningProfiles {

    public static final List<String> BUILT_IN = List.of("yealink", "cisco-mpp", "polycom", "snom", "grandstream",
            "fanvil");
    /** The sub-folder of {@code profilesDir} holding extra provisioning profiles. */
    public static final String SUBFOLDER = "provisioning";

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningProfiles.class);

    private final Map<String, ProvisioningProfile> byName;

    private ProvisioningProfiles(Map<String, ProvisioningProfile> byName) {
        this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    }

    public static ProvisioningProfiles builtIn() {
        return new ProvisioningProfiles(loadBuiltIns());
    }

    /**
     * The built-in profiles plus those of {@code <profilesDir>/provisioning/}.
     *
     * @throws InvalidProvisioningProfileException listing every problem of every file
     */
    public static ProvisioningProfiles load(Optional<Path> profilesDir) {
        Map<String, ProvisioningProfile> all = loadBuiltIns();
        Optional<Path> dir = profilesDir.map(d -> d.resolve(SUBFOLDER)).filter(Files::isDirectory);
        if (dir.isEmpty()) {
            return new ProvisioningProfiles(all);
        }
        List<String> problems = new ArrayList<>();
        Map<String, ProvisioningProfile> fromDir = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.get(), "*.{yaml,yml}")) {
            s.forEach(files::add);
        } catch (IOException e) {
            throw new InvalidProvisioningProfileException(List.of(dir.get() + ": cannot list provisioning profiles: "
                    + e.getMessage()));
        }
        Collections.sort(files);
        for (Path file : files) {
            try {
                ProvisioningProfile p = ProvisioningProfileParser.parse(file.toString(), Files.readString(file,
                        StandardCharsets.UTF_8));
                ProvisioningProfile earlier = fromDir.put(p.name(), p);
                if (earlier != null) {
                    problems.add(file + ":1:1: provisioning profile '" + p.name() + "' is also defined in "
                            + earlier.source());
                }
            } catch (InvalidProvisioningProfileException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                problems.add(file + ": cannot read: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidProvisioningProfileException(problems);
        }
        fromDir.forEach((name, p) -> {
            LOG.info("Provisioning profile '{}' loaded from {}{}", name, p.source(), all.containsKey(name)
                    ? " (replaces the built-in one)" : "");
            all.put(name, p);
        });
        return new ProvisioningProfiles(all);
    }

    /** Parses one profile document (tools, tests); {@code source} names it in messages. */
    public static ProvisioningProfile parse(String source, String yaml) {
        return ProvisioningProfileParser.parse(source, yaml);
    }

    public Optional<ProvisioningProfile> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    private static Map<String, ProvisioningProfile> loadBuiltIns() {
        Map<String, ProvisioningProfile> all = new TreeMap<>();
        for (String name : BUILT_IN) {
            String resource = name + ".yaml";
            try (InputStream in = ProvisioningProfiles.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in provisioning profile " + resource + " is missing");
                }
                all.put(name, ProvisioningProfileParser.parse("built-in:" + resource,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }
}
