package org.phonecontroller.daemon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.config.ConfigLoader;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.RangeCredentials;

/**
 * The optional {@code --config} of the diagnostics: the configuration and its credentials, or nothing (then only
 * what needs no credentials is tried). An invalid file is a configuration error, reported like
 * {@code config validate} does.
 */
record DiagnosticConfig(Optional<ControllerConfig> config, Credentials credentials) {

    static final DiagnosticConfig NONE = new DiagnosticConfig(Optional.empty(), Credentials.NONE);

    /** Empty after printing every problem on {@code err} when the file is invalid. */
    static Optional<DiagnosticConfig> load(Path file, PrintWriter err, String command) {
        if (file == null) {
            return Optional.of(NONE);
        }
        return switch (org.phonecontroller.daemon.provisioning.ProvisioningProfileCheck.loader().load(file)) {
            case ConfigLoadResult.Valid valid -> Optional.of(new DiagnosticConfig(Optional.of(valid.config()),
                    valid.credentials()));
            case ConfigLoadResult.Invalid invalid -> {
                invalid.problems().forEach(err::println);
                err.println("phonectl " + command + ": " + file + " is invalid (" + invalid.problems().size()
                        + " problem(s)); nothing was asked");
                err.flush();
                yield Optional.empty();
            }
        };
    }

    Optional<RangeCredentials> credentialsOf(RangeConfig range) {
        return credentials.forRange(range.credentials());
    }

    /** A stand-in range for addresses outside every configured range: the {@code default} credentials. */
    static RangeConfig unconfigured(String name, List<org.phonecontroller.ranges.IpRange> addresses) {
        return new RangeConfig(name, addresses, "-", "-", List.of(), Credentials.DEFAULT_KEY, true);
    }
}
