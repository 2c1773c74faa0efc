package org.phonecontroller.protocols.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.testpeers.Kamailio;
import org.phonecontroller.protocols.testpeers.Loopback;
import org.phonecontroller.protocols.testpeers.SelfSignedCertificate;

/**
 * The OPTIONS probe over TLS against a real Kamailio (Debian's kamailio-tls-modules) with a certificate the test
 * makes: each {@link ProbeTrust} accepts exactly what it should, the probe stays up over many rounds on one
 * connection, and goes down when Kamailio dies.
 */
class KamailioTlsInteropTest {

    private SelfSignedCertificate certificate;
    private Kamailio kamailio;
    private final List<HealthProbe> probes = new ArrayList<>();

    @BeforeEach
    void startKamailio() throws Exception {
        InetAddress ip = Loopback.randomAddress(62);
        certificate = SelfSignedCertificate.create(ip);
        kamailio = Kamailio.startWithTls(ip, Loopback.freePort(ip), certificate);
    }

    @AfterEach
    void stop() {
        probes.forEach(HealthProbe::close);
        if (kamailio != null) {
            kamailio.close();
        }
    }

    private HealthProbe probe(ProbeTrust trust) {
        HealthProbe p = HealthProbes.create("sip-options", ProbeSettings.defaults().withTimeout(Duration.ofSeconds(1))
                .withTrust(trust));
        probes.add(p);
        return p;
    }

    private ProbeResult probeOnce(HealthProbe probe) throws Exception {
        return probe.probe(new Endpoint("kamailio-tls", kamailio.tlsAddress(), Transport.TLS))
                .get(5, TimeUnit.SECONDS);
    }

    private void awaitUp(HealthProbe probe) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .alias("kamailio answers OPTIONS over TLS; its output:\n" + kamailio.output())
                .until(() -> probeOnce(probe) instanceof ProbeResult.Up);
    }

    @Test
    void staysUpOverManyRoundsWithThePemFileAndGoesDownWhenKamailioDies() throws Exception {
        HealthProbe probe = probe(new ProbeTrust.PemFile(certificate.certificate()));
        awaitUp(probe);

        List<ProbeResult> rounds = new ArrayList<>();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    ProbeResult r = probeOnce(probe);
                    rounds.add(r);
                    return r instanceof ProbeResult.Up;
                });
        assertThat(rounds).hasSizeGreaterThan(20).allMatch(ProbeResult.Up.class::isInstance);

        kamailio.kill();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> probeOnce(probe) instanceof ProbeResult.Down down
                        && down.reason() == FailureReason.REFUSED);
    }

    @Test
    void acceptsThePinnedCertificateAndRefusesAnother() throws Exception {
        awaitUp(probe(new ProbeTrust.Pinned(certificate.sha256())));

        ProbeResult wrongPin = probeOnce(probe(new ProbeTrust.Pinned("00".repeat(32))));

        assertThat(wrongPin).isInstanceOfSatisfying(ProbeResult.Down.class, down -> {
            assertThat(down.reason()).isEqualTo(FailureReason.CERTIFICATE_MISMATCH);
            assertThat(down.detail()).contains("TLS certificate not trusted").contains(certificate.sha256())
                    .contains("not the pinned " + "00".repeat(32)).doesNotContain("\n").doesNotContain("\tat ");
        });
    }

    @Test
    void theSystemTrustRefusesASelfSignedCertificate() throws Exception {
        awaitUp(probe(new ProbeTrust.PemFile(certificate.certificate())));

        ProbeResult system = probeOnce(probe(ProbeTrust.SYSTEM));

        assertThat(system).isInstanceOfSatisfying(ProbeResult.Down.class, down -> {
            assertThat(down.reason()).isEqualTo(FailureReason.CERTIFICATE_MISMATCH);
            assertThat(down.detail()).contains("TLS certificate not trusted").doesNotContain("\n");
        });
    }
}
