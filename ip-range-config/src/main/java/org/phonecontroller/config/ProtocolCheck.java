package org.phonecontroller.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks of protocol names that need what only the adapters know, e.g. whether the profile named by
 * {@code snmp:<profile>} exists among the built-in profiles and those in {@code profilesDir}. The daemon and
 * {@code phonectl} pass theirs to {@link ConfigLoader}; the loader reports each problem at the protocol's place
 * in the file. {@link ProtocolNames} has already accepted the name's shape.
 */
@FunctionalInterface
public interface ProtocolCheck {

    /** Accepts every name that {@link ProtocolNames} knows. */
    ProtocolCheck NONE = profilesDir -> protocol -> Optional.empty();

    /**
     * The check for one load (profiles are read once per load).
     *
     * @param profilesDir the configuration's {@code profilesDir} (it may not exist)
     * @return for a protocol name, why it cannot be used (a message without location), or empty
     */
    Function<String, Optional<String>> forProfilesDir(Path profilesDir);
}
