package org.phonecontroller.daemon.provisioning;

import java.nio.file.Path;
import java.util.Optional;
import org.phonecontroller.config.ConfigLoader;
import org.phonecontroller.protocols.provisioning.InvalidProvisioningProfileException;
import org.phonecontroller.protocols.provisioning.ProvisioningProfiles;

/**
 * The configuration check for {@code provisioning:<profile>}: the profile must be built in or a valid file of
 * {@code <profilesDir>/provisioning/}; a broken profile file is reported with its own {@code file:line:column}.
 */
public final class ProvisioningProfileCheck implements ConfigLoader.ProtocolCheck {

    public static final ProvisioningProfileCheck INSTANCE = new ProvisioningProfileCheck();

    /** The loader every command and the daemon use. */
    public static ConfigLoader loader() {
        return new ConfigLoader(INSTANCE);
    }

    @Override
    public Optional<String> problem(String protocol, Path profilesDir) {
        if (!protocol.startsWith("provisioning:")) {
            return Optional.empty();
        }
        String name = protocol.substring("provisioning:".length());
        try {
            ProvisioningProfiles profiles = ProvisioningProfiles.load(Optional.of(profilesDir));
            return profiles.get(name).isPresent() ? Optional.empty() : Optional.of("unknown provisioning profile '"
                    + name + "' (known: " + String.join(", ", profiles.names()) + "; extra ones go in "
                    + profilesDir.resolve(ProvisioningProfiles.SUBFOLDER) + ")");
        } catch (InvalidProvisioningProfileException e) {
            return Optional.of("the provisioning profiles cannot be loaded:\n  " + String.join("\n  ",
                    e.problems()));
        }
    }
}
