package org.phonecontroller.protocols.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneProtocolException;

/** HTTPS to phones: pinned fingerprints, trust on first use, the system trust store. */
class TlsPolicyTest {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static Path keystoreA;
    private static Path keystoreB;

    @TempDir
    static Path keys;

    private final InetAddress address = address();
    private HttpsServer server;
    private HttpTransport transport;

    @BeforeAll
    static void makeCertificates() throws Exception {
        keystoreA = keystore("a");
        keystoreB = keystore("b");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void talksToAPhoneWhoseCertificateHasThePinnedFingerprint() throws Exception {
        int port = serve(keystoreA, 0);

        assertThat(identify(new TlsPolicy.Pinned(fingerprint(keystoreA)), port)).isTrue();
    }

    @Test
    void refusesAPhoneWhoseCertificateIsNotThePinnedOne() throws Exception {
        int port = serve(keystoreB, 0);
        String presented = fingerprint(keystoreB);

        assertThatThrownBy(() -> identify(new TlsPolicy.Pinned(fingerprint(keystoreA)), port))
                .cause().isInstanceOfSatisfying(PhoneProtocolException.class, e -> {
                    assertThat(e.reason()).isEqualTo(FailureReason.CERTIFICATE_MISMATCH);
                    assertThat(e.getMessage()).contains(presented).contains("pinned");
                });
    }

    @Test
    void trustsTheFirstCertificateAndRefusesAChangedOneLoudly(@TempDir Path dir) throws Exception {
        Path storeFile = dir.resolve("known-phones.txt");
        FingerprintStore store = FingerprintStore.open(storeFile);
        int port = serve(keystoreA, 0);

        assertThat(identify(new TlsPolicy.TrustOnFirstUse(store), port)).isTrue();
        assertThat(FingerprintStore.open(storeFile).get(address.getHostAddress() + ":" + port))
                .contains(fingerprint(keystoreA));

        server.stop(0);
        transport.close();
        serve(keystoreB, port);
        assertThatThrownBy(() -> identify(new TlsPolicy.TrustOnFirstUse(store), port))
                .cause().isInstanceOfSatisfying(PhoneProtocolException.class, e -> {
                    assertThat(e.reason()).isEqualTo(FailureReason.CERTIFICATE_MISMATCH);
                    assertThat(e.getMessage()).contains("changed").contains(storeFile.toString());
                });
        assertThat(store.get(address.getHostAddress() + ":" + port)).contains(fingerprint(keystoreA));
    }

    @Test
    void theSystemTrustStoreDoesNotTrustASelfSignedPhone() throws Exception {
        int port = serve(keystoreA, 0);

        assertThatThrownBy(() -> identify(new TlsPolicy.SystemTrust(), port))
                .cause().isInstanceOfSatisfying(PhoneProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.CERTIFICATE_MISMATCH));
    }

    @Test
    void readsAndChecksTheFingerprintStoreFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fp.txt");
        Files.writeString(file, "# comment\n127.0.0.5:443 " + "AB:".repeat(31) + "AB\n127.0.0.6:443 xyz\n");

        assertThatThrownBy(() -> FingerprintStore.open(file)).hasMessageStartingWith(file + ":3: 'xyz' is not");

        Files.writeString(file, "127.0.0.5:443 " + "AB:".repeat(31) + "AB\n");
        assertThat(FingerprintStore.open(file).get("127.0.0.5:443")).contains("ab".repeat(32));
    }

    @Test
    void normalizesPinnedFingerprintsAndRefusesGarbage() {
        assertThat(new TlsPolicy.Pinned("AB:".repeat(31) + "AB").sha256()).isEqualTo("ab".repeat(32));
        assertThatThrownBy(() -> new TlsPolicy.Pinned("abcd")).hasMessageContaining("not a SHA-256 fingerprint");
        assertThat(new TlsPolicy.PlainHttp().scheme()).isEqualTo("http");
        assertThat(new TlsPolicy.SystemTrust().scheme()).isEqualTo("https");
    }

    private boolean identify(TlsPolicy policy, int port) throws Exception {
        transport = HttpTransport.create(policy, Duration.ofSeconds(2));
        PolycomRestProtocol polycom = new PolycomRestProtocol(transport, new HttpCredentials("Polycom", "x"), port,
                InstantSource.system());
        return polycom.identify(address).get(10, TimeUnit.SECONDS).isPresent();
    }

    private int serve(Path keystore, int port) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(address, port), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/api/v1/mgmt/device/info", ex -> {
            byte[] body = "{\"Status\":\"2000\",\"data\":{\"ModelNumber\":\"VVX 450\"}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static Path keystore(String name) throws Exception {
        Path file = keys.resolve(name + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "phone", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=phone-" + name, "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return file;
    }

    private static String fingerprint(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, STORE_PASSWORD);
        }
        return FingerprintTrustManager.fingerprint((X509Certificate) ks.getCertificate("phone"));
    }

    private static InetAddress address() {
        try {
            return InetAddress.getByName("127.33." + ThreadLocalRandom.current().nextInt(1, 250) + "."
                    + ThreadLocalRandom.current().nextInt(2, 250));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
