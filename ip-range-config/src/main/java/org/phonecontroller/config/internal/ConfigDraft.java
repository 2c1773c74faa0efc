package org.phonecontroller.config.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phonecontroller.config.AdminSettings;
import org.phonecontroller.config.FailoverSettings;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProbeSettings;
import org.phonecontroller.config.ScanSettings;
import org.phonecontroller.config.StorageSettings;

/**
 * The configuration file as read, before the checks that need the credentials file.
 *
 * @param credentialsFile     the resolved credentials file
 * @param credentialsFileNode where {@code credentialsFile:} is written, if it is (else the default is used)
 * @param amiReferences       the credentials keys named by {@code asterisk-ami} registrar views
 * @param receivers           the receivers of {@code notify:}, with where each is written
 */
public record ConfigDraft(Map<String, PhoneManagerConfig> phoneManagers, List<RangeDraft> ranges, ProbeSettings probe,
                          FailoverSettings failover, ScanSettings scan, StorageSettings storage, AdminSettings admin,
                          Path credentialsFile, Optional<YamlNode> credentialsFileNode, Path profilesDir,
                          List<AmiReference> amiReferences, List<NotifyReader.Located> receivers) {
    public ConfigDraft {
        amiReferences = List.copyOf(amiReferences);
    }
}
