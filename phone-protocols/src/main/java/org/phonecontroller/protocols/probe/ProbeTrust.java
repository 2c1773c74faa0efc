package org.phonecontroller.protocols.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.phonecontroller.protocols.http.TlsPolicy;

/**
 * Which certificates a probe over TLS ({@code sip-options} with transport {@code tls}, {@code http} over https)
 * accepts: the system's CAs, the certificates of a PEM file (a CA or the PhoneManager's own, self-signed one), or
 * exactly one certificate by its SHA-256 fingerprint. The daemon and {@code phonectl probe} build the same
 * {@link SSLContext} from it.
 *
 * <p>Names are checked only with {@link SystemTrust} over https; PhoneManagers are probed by address and the other
 * two trusts name the accepted certificates explicitly.
 */
public sealed interface ProbeTrust {

    /** The system's (the JVM's) trust store; the default. */
    record SystemTrust() implements ProbeTrust {
        @Override
        public String toString() {
            return "system";
        }
    }

    /** @param file PEM certificates (one or more {@code -----BEGIN CERTIFICATE-----} blocks) */
    record PemFile(Path file) implements ProbeTrust {
        public PemFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }

    /** @param sha256 the SHA-256 fingerprint of the server's (leaf) certificate: 64 hex digits, colons ignored */
    record Pinned(String sha256) implements ProbeTrust {
        public Pinned {
            sha256 = new TlsPolicy.Pinned(sha256).sha256();
        }

        @Override
        public String toString() {
            return "sha256:" + sha256;
        }
    }

    ProbeTrust SYSTEM = new SystemTrust();

    /**
     * The TLS client context for this trust.
     *
     * @throws IllegalArgumentException with a one-line reason when a PEM file cannot be read or holds no certificate
     */
    default SSLContext sslContext() {
        try {
            return switch (this) {
                case SystemTrust s -> SSLContext.getDefault();
                case Pinned p -> new TlsPolicy.Pinned(p.sha256()).sslContext();
                case PemFile f -> context(new ChainOnlyTrustManager(pkix(readCertificates(f.file()))));
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS trust " + this + ": " + e.getMessage(), e);
        }
    }

    /** The certificates of a PEM file. */
    static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("trust file " + file + " holds no PEM certificate");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read trust file " + file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("trust file " + file + " is not PEM certificates: " + e.getMessage(),
                    e);
        }
    }

    private static X509TrustManager pkix(List<X509Certificate> certificates) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("trusted-" + i, certificates.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509TrustManager from " + tmf.getAlgorithm());
    }

    private static SSLContext context(TrustManager trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, new SecureRandom());
        return context;
    }

    /**
     * Checks the chain against the file's certificates and nothing else: being an {@link X509ExtendedTrustManager}
     * that does no endpoint identification, it keeps the JDK from matching the certificate's names to the address.
     */
    final class ChainOnlyTrustManager extends X509ExtendedTrustManager {
        private final X509TrustManager chain;

        private ChainOnlyTrustManager(X509TrustManager chain) {
            this.chain = chain;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
                throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain.getAcceptedIssuers();
        }
    }
}
