package org.phonecontroller.daemon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProbeSettings;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.daemon.adapters.ProbeFactory;
import org.phonecontroller.daemon.adapters.ProtocolFactory;
import org.phonecontroller.daemon.discovery.AddressSweep;
import org.phonecontroller.daemon.runtime.Daemon;
import org.phonecontroller.daemon.runtime.DaemonStartException;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.PhoneProtocol;

/**
 * The world of a test that runs the whole daemon in one JVM: every PhoneManager and witness is probed by one
 * {@link ScriptedProbe}, every range's phones are one {@link FakePhones}, and a discovery sweep finds the addresses
 * given. Nothing is sent: the configuration's addresses are only names.
 */
public final class ScriptedWorld {

    private final ScriptedProbe probe;
    private final FakePhones phones;
    private final List<String> answering;
    private final Set<String> unbuildable;

    /** @param answering the addresses every discovery sweep finds */
    public ScriptedWorld(ScriptedProbe probe, FakePhones phones, List<String> answering) {
        this(probe, phones, answering, Set.of());
    }

    private ScriptedWorld(ScriptedProbe probe, FakePhones phones, List<String> answering, Set<String> unbuildable) {
        this.probe = probe;
        this.phones = phones;
        this.answering = List.copyOf(answering);
        this.unbuildable = Set.copyOf(unbuildable);
    }

    /** This world where no probe can be built for {@code phoneManager} (its factory throws). */
    public ScriptedWorld withUnbuildableProbe(String phoneManager) {
        return new ScriptedWorld(probe, phones, answering, Set.of(phoneManager));
    }

    /** Starts the daemon on {@code config}, its events in {@code logs}, sweeping every 100 ms. */
    public Daemon start(Path config, Path logs) throws DaemonStartException {
        return Daemon.start(new Daemon.Options(config, logs, probes(), protocols(), TimeSource.system(),
                Duration.ofMillis(100)));
    }

    /** Writes {@code credentials.yaml} into {@code folder}, readable by its owner only (as the daemon requires). */
    public static Path writeCredentials(Path folder, String yaml) throws IOException {
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, yaml);
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        return credentials;
    }

    private ProbeFactory probes() {
        return new ProbeFactory() {
            @Override
            public HealthProbe forPhoneManager(PhoneManagerConfig pm, ProbeSettings settings,
                                               Credentials credentials) {
                if (unbuildable.contains(pm.name())) {
                    throw new IllegalArgumentException("no probe can be made for " + pm.name());
                }
                return probe;
            }

            @Override
            public HealthProbe forWitnesses(ProbeSettings settings) {
                return probe;
            }
        };
    }

    private ProtocolFactory protocols() {
        return new ProtocolFactory() {
            @Override
            public List<PhoneProtocol> forRange(RangeConfig range, Optional<RangeCredentials> credentials,
                                                ControllerConfig config) {
                return List.of(phones);
            }

            @Override
            public AddressSweep discoverySweep() {
                return new ScriptedSweep().answer(answering);
            }

            @Override
            public void close() {
            }
        };
    }
}
