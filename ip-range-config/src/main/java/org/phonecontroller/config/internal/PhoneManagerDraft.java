package org.phonecontroller.config.internal;

import java.util.Optional;
import org.phonecontroller.config.PhoneManagerConfig;

/**
 * A readable PhoneManager and where it is written, for the checks against the credentials file.
 *
 * @param config          the PhoneManager
 * @param nameField       where its name is written
 * @param credentialsNode where {@code credentials:} is written, if it is
 */
public record PhoneManagerDraft(PhoneManagerConfig config, YamlNode.Field nameField,
                                Optional<YamlNode> credentialsNode) {
}
