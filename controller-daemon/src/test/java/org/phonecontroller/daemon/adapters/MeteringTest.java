package org.phonecontroller.daemon.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProbeKind;
import org.phonecontroller.config.ProbeSettings;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.config.SipTransport;
import org.phonecontroller.daemon.admin.ControllerMetrics;
import org.phonecontroller.daemon.testing.FakePhones;
import org.phonecontroller.daemon.testing.FakeTime;
import org.phonecontroller.protocols.BusyPolicy;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.ranges.IpRange;

class MeteringTest {

    private final ControllerMetrics metrics =
            new ControllerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    private final PhoneManagerConfig pmA =
            new PhoneManagerConfig("pm-a", "127.20.0.10", 5060, SipTransport.UDP, ProbeKind.SIP_OPTIONS);

    @Test
    void everyPhoneManagerProbeShowsInTheMetricsWithItsVerdict() {
        AtomicLong nanos = new AtomicLong();
        var scripted = new ScriptedProbe(List.of(new ProbeResult.Up(Duration.ofMillis(3)),
                new ProbeResult.Down(FailureReason.REFUSED, "port unreachable")), nanos);
        ProbeFactory metered = Metering.probes(new ProbeFactory() {
            @Override
            public HealthProbe forPhoneManager(PhoneManagerConfig phoneManager, ProbeSettings probe,
                                               Credentials credentials) {
                return scripted;
            }

            @Override
            public HealthProbe forWitnesses(ProbeSettings probe) {
                return scripted;
            }
        }, metrics, nanos::get);
        HealthProbe probe = metered.forPhoneManager(pmA, ProbeSettings.DEFAULTS, Credentials.NONE);
        Endpoint endpoint = new Endpoint("pm-a", new ServerAddress("127.20.0.10", 5060), Transport.UDP);

        probe.probe(endpoint).join();
        probe.probe(endpoint).join();
        metered.forWitnesses(ProbeSettings.DEFAULTS).probe(endpoint).join();

        String scrape = metrics.scrape();
        assertThat(scrape).containsPattern(
                "phonecontroller_probe_latency_seconds_count\\{[^}]*phone_manager=\"pm-a\",result=\"up\"[^}]*} 1");
        assertThat(scrape).containsPattern(
                "phonecontroller_probe_latency_seconds_count\\{[^}]*phone_manager=\"pm-a\",result=\"down\"[^}]*} 1");
    }

    @Test
    void everyPushShowsInTheMetricsByRangeAndOutcome() throws Exception {
        var phones = new FakePhones("fake", new FakeTime());
        ServerAssignment onA = ServerAssignment.of(new ServerAddress("127.20.0.10", 5060));
        ServerAssignment onB = ServerAssignment.of(new ServerAddress("127.20.1.10", 5060));
        phones.add("127.20.16.1", onA);
        phones.add("127.20.16.2", onA);
        phones.failPushes("127.20.16.2", FailureReason.AUTH_FAILED, 1);
        RangeConfig range = new RangeConfig("floor-1", List.of(IpRange.parse("127.20.16.0/24")), "pm-a", "pm-b",
                List.of("fake"), "floor-1", false);
        ProtocolFactory metered = Metering.protocols(new ProtocolFactory() {
            @Override
            public List<PhoneProtocol> forRange(RangeConfig r, Optional<RangeCredentials> credentials,
                                                ControllerConfig config) {
                return List.of(phones);
            }

            @Override
            public void close() {
            }
        }, metrics);
        PhoneProtocol protocol = metered.forRange(range, Optional.empty(), null).get(0);

        protocol.assign(identity("127.20.16.1"), onB).join();
        protocol.assign(identity("127.20.16.2"), onB, BusyPolicy.FORCE).join();

        String scrape = metrics.scrape();
        assertThat(scrape).containsPattern("phonecontroller_pushes_total\\{outcome=\"applied\",range=\"floor-1\"} 1");
        assertThat(scrape).containsPattern("phonecontroller_pushes_total\\{outcome=\"failed\",range=\"floor-1\"} 1");
        assertThat(phones.phone("127.20.16.1").servers()).isEqualTo(onB);
    }

    private static PhoneIdentity identity(String address) throws Exception {
        return new PhoneIdentity(InetAddress.getByName(address), "fake", "Fake", "F1", "1.0", "");
    }

    /** Answers the scripted results in order, advancing the fake nano time by 7 ms per probe. */
    private static final class ScriptedProbe implements HealthProbe {
        private final List<ProbeResult> results;
        private final AtomicLong nanos;
        private int next;

        ScriptedProbe(List<ProbeResult> results, AtomicLong nanos) {
            this.results = results;
            this.nanos = nanos;
        }

        @Override
        public String kind() {
            return "scripted";
        }

        @Override
        public synchronized CompletableFuture<ProbeResult> probe(Endpoint endpoint) {
            nanos.addAndGet(Duration.ofMillis(7).toNanos());
            return CompletableFuture.completedFuture(results.get(Math.min(next++, results.size() - 1)));
        }

        @Override
        public void close() {
        }
    }
}
