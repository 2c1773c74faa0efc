package org.phonecontroller.protocols.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.testpeers.Loopback;
import org.phonecontroller.protocols.testpeers.SelfSignedCertificate;

/** The http probe over https trusts exactly what its {@link ProbeTrust} says, like sip-options over tls. */
class HttpsProbeTest {

    private final InetAddress ip = Loopback.randomAddress(62);
    private SelfSignedCertificate certificate;
    private HttpsServer server;
    private Endpoint endpoint;

    @BeforeEach
    void serve() throws Exception {
        certificate = SelfSignedCertificate.create(ip);
        String pem = Files.readString(certificate.key()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(pem)));
        Certificate cert;
        try (var in = Files.newInputStream(certificate.certificate())) {
            cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("pbx", key, "t".toCharArray(), new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "t".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(ip, Loopback.freePort(ip)), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        endpoint = new Endpoint("pbx-web", new ServerAddress(ip.getHostAddress(), server.getAddress().getPort()),
                Transport.TCP);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ProbeResult probe(ProbeTrust trust) throws Exception {
        // generous: a JVM's first handshake on a busy machine is slow; nothing here measures time
        ProbeSettings settings = ProbeSettings.defaults().withTimeout(Duration.ofSeconds(10))
                .withHttp("https", "/", java.util.Set.of()).withTrust(trust);
        try (var probe = HealthProbes.create("http", settings)) {
            return probe.probe(endpoint).get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void isUpWithThePemFileOrThePinnedCertificate() throws Exception {
        assertThat(probe(new ProbeTrust.PemFile(certificate.certificate()))).isInstanceOf(ProbeResult.Up.class);
        assertThat(probe(new ProbeTrust.Pinned(certificate.sha256()))).isInstanceOf(ProbeResult.Up.class);
    }

    @Test
    void refusesAnotherCertificateOrASelfSignedOneWithTheSystemTrust() throws Exception {
        assertThat(probe(new ProbeTrust.Pinned("00".repeat(32)))).isInstanceOfSatisfying(ProbeResult.Down.class,
                down -> {
                    assertThat(down.reason()).isEqualTo(FailureReason.CERTIFICATE_MISMATCH);
                    assertThat(down.detail()).contains("not the pinned").doesNotContain("\n");
                });
        assertThat(probe(ProbeTrust.SYSTEM)).isInstanceOfSatisfying(ProbeResult.Down.class,
                down -> assertThat(down.reason()).isEqualTo(FailureReason.CERTIFICATE_MISMATCH));
    }
}
