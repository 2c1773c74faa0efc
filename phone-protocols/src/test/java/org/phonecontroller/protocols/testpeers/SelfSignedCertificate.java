package org.phonecontroller.protocols.testpeers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh self-signed EC certificate for one loopback address, made by {@code openssl} for a test: PEM certificate and
 * key files (what Kamailio's TLS module reads) and the certificate's SHA-256 fingerprint.
 *
 * @param certificate the PEM certificate
 * @param key         the PEM private key
 * @param sha256      the certificate's SHA-256 fingerprint, lower-case hex
 */
public record SelfSignedCertificate(Path certificate, Path key, String sha256) {

    public static SelfSignedCertificate create(InetAddress address) throws IOException, InterruptedException {
        String openssl = ExternalPeer.requireBinary("openssl", "openssl");
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "peers", "certificates")),
                "cert").toAbsolutePath();
        Path cert = dir.resolve("certificate.pem");
        Path key = dir.resolve("key.pem");
        var command = List.of(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj",
                "/CN=test-pbx", "-addext", "subjectAltName=IP:" + address.getHostAddress());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + command + "\n" + output);
        }
        try (InputStream in = Files.newInputStream(cert)) {
            var x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return new SelfSignedCertificate(cert, key, HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(x509.getEncoded())));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate openssl made", e);
        }
    }
}
