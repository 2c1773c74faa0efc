package org.phonecontroller.daemon.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.phonecontroller.config.ConfigLoader;
import org.phonecontroller.config.ProtocolCheck;
import org.phonecontroller.protocols.snmp.InvalidSnmpProfileException;
import org.phonecontroller.protocols.snmp.SnmpProfiles;

/**
 * The profile names each prefix protocol knows ({@code snmp:<profile>}: the built-in SNMP profiles plus those in
 * {@code profilesDir}), so that {@code phonectl config validate}, the daemon's start and its reloads refuse
 * {@code snmp:typo} at its place in the file instead of failing at run time. A new prefix (e.g.
 * {@code provisioning:}) adds its lookup to {@link #LOOKUPS}.
 */
public final class KnownProfiles implements ProtocolCheck {

    /**
     * The profiles of one prefix.
     *
     * @param kind   how messages name them ("SNMP", "provisioning")
     * @param names  the profile names, given {@code profilesDir}; throws with a message when they cannot be read
     * @param folder where extra profiles of this kind go, given {@code profilesDir}
     */
    public record Lookup(String kind, java.util.function.Function<Path, List<String>> names,
                         java.util.function.UnaryOperator<Path> folder) {
    }

    /** Per prefix (as {@link org.phonecontroller.config.ProtocolNames} writes it), how to list its profiles. */
    public static final Map<String, Lookup> LOOKUPS = Map.of(
            "snmp:", new Lookup("SNMP", dir -> SnmpProfiles.load(Optional.of(dir)).names(), dir -> dir),
            "provisioning:", new Lookup("provisioning",
                    dir -> org.phonecontroller.protocols.provisioning.ProvisioningProfiles.load(Optional.of(dir)).names(),
                    dir -> dir.resolve(org.phonecontroller.protocols.provisioning.ProvisioningProfiles.SUBFOLDER)));

    /** The loader every command and the daemon use: it checks profile names too. */
    public static ConfigLoader loader() {
        return new ConfigLoader(new KnownProfiles());
    }

    @Override
    public Function<String, Optional<String>> forProfilesDir(Path profilesDir) {
        Map<String, Object> byPrefix = new LinkedHashMap<>(); // the names, or why they could not be read
        return protocol -> {
            for (var lookup : LOOKUPS.entrySet()) {
                String prefix = lookup.getKey();
                if (!protocol.startsWith(prefix)) {
                    continue;
                }
                Object known = byPrefix.computeIfAbsent(prefix, p -> names(lookup.getValue(), profilesDir));
                String profile = protocol.substring(prefix.length());
                String kind = lookup.getValue().kind();
                if (known instanceof String why) {
                    return Optional.of("cannot check " + kind + " profile '" + profile + "': " + why);
                }
                @SuppressWarnings("unchecked")
                List<String> names = (List<String>) known;
                if (!names.contains(profile)) {
                    return Optional.of("unknown " + kind + " profile '" + profile + "' (known: "
                            + String.join(", ", names) + "; extra profiles go in "
                            + lookup.getValue().folder().apply(profilesDir) + ")");
                }
            }
            return Optional.empty();
        };
    }

    private static Object names(Lookup lookup, Path profilesDir) {
        try {
            return lookup.names().apply(profilesDir);
        } catch (org.phonecontroller.protocols.provisioning.InvalidProvisioningProfileException e) {
            return "the profiles in " + lookup.folder().apply(profilesDir) + " are invalid: "
                    + String.join("; ", e.problems());
        } catch (InvalidSnmpProfileException e) {
            return "the profiles in " + profilesDir + " are invalid: " + String.join("; ", e.problems());
        } catch (RuntimeException e) {
            return "the profiles in " + profilesDir + " cannot be read: " + e.getMessage();
        }
    }
}
