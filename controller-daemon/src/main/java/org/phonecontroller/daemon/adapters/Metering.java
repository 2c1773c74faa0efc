package org.phonecontroller.daemon.adapters;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProbeSettings;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.daemon.admin.ControllerMetrics;
import org.phonecontroller.protocols.BusyPolicy;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.PushResult;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * Feeds {@link ControllerMetrics} (the admin API's {@code /metrics}) from what the daemon does, by decorating the
 * factories it is given: every PhoneManager probe records its latency and verdict, every push its outcome per range.
 * The daemon's own code stays unaware of metrics.
 */
public final class Metering {

    private Metering() {
    }

    /** Probes of PhoneManagers record {@code phonecontroller.probe.latency}; witness probes are not recorded. */
    public static ProbeFactory probes(ProbeFactory inner, ControllerMetrics metrics, LongSupplier nanoTime) {
        return new ProbeFactory() {
            @Override
            public HealthProbe forPhoneManager(PhoneManagerConfig phoneManager, ProbeSettings probe,
                                               Credentials credentials) {
                return new MeteredProbe(inner.forPhoneManager(phoneManager, probe, credentials), metrics, nanoTime);
            }

            @Override
            public HealthProbe forWitnesses(ProbeSettings probe) {
                return inner.forWitnesses(probe);
            }
        };
    }

    /** Protocols built for a range record {@code phonecontroller.pushes} by range and outcome. */
    public static ProtocolFactory protocols(ProtocolFactory inner, ControllerMetrics metrics) {
        return new ProtocolFactory() {
            @Override
            public List<PhoneProtocol> forRange(RangeConfig range, Optional<RangeCredentials> credentials,
                                                ControllerConfig config) {
                return inner.forRange(range, credentials, config).stream()
                        .<PhoneProtocol>map(p -> new MeteredProtocol(p, range.name(), metrics)).toList();
            }

            @Override
            public int phoneHttpPort() {
                return inner.phoneHttpPort();
            }

            @Override
            public org.phonecontroller.daemon.discovery.AddressSweep discoverySweep() {
                return inner.discoverySweep();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    private record MeteredProbe(HealthProbe inner, ControllerMetrics metrics, LongSupplier nanoTime)
            implements HealthProbe {
        @Override
        public String kind() {
            return inner.kind();
        }

        @Override
        public CompletableFuture<ProbeResult> probe(Endpoint endpoint) {
            long start = nanoTime.getAsLong();
            return inner.probe(endpoint).whenComplete((result, failure) -> {
                switch (result) {
                    case ProbeResult.Up up -> metrics.probed(endpoint.name(), up.latency(), true);
                    case ProbeResult.Down down -> metrics.probed(endpoint.name(),
                            Duration.ofNanos(nanoTime.getAsLong() - start), false);
                    case null -> metrics.probed(endpoint.name(), Duration.ofNanos(nanoTime.getAsLong() - start),
                            false);
                }
            });
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private record MeteredProtocol(PhoneProtocol inner, String range, ControllerMetrics metrics)
            implements PhoneProtocol {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public CompletableFuture<Optional<PhoneIdentity>> identify(InetAddress address) {
            return inner.identify(address);
        }

        @Override
        public CompletableFuture<ServerAssignment> readAssignment(PhoneIdentity phone) {
            return inner.readAssignment(phone);
        }

        @Override
        public CompletableFuture<PushResult> assign(PhoneIdentity phone, ServerAssignment assignment) {
            return record(inner.assign(phone, assignment));
        }

        @Override
        public CompletableFuture<PushResult> assign(PhoneIdentity phone, ServerAssignment assignment,
                                                   BusyPolicy busyPolicy) {
            return record(inner.assign(phone, assignment, busyPolicy));
        }

        @Override
        public CompletableFuture<CallState> callState(PhoneIdentity phone) {
            return inner.callState(phone);
        }

        private CompletableFuture<PushResult> record(CompletableFuture<PushResult> push) {
            return push.whenComplete((result, failure) -> {
                if (result != null) {
                    metrics.pushed(range, result);
                }
            });
        }
    }
}
