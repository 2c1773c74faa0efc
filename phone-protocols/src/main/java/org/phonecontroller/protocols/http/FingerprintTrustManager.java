package org.phonecontroller.protocols.http;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trusts a server by the SHA-256 fingerprint of its leaf certificate (pinned, or first seen). Being an
 * {@link X509ExtendedTrustManager} that does no endpoint identification, it also turns host name verification off:
 * phones are reached by IP address and rarely have a certificate naming it.
 */
final class FingerprintTrustManager extends X509ExtendedTrustManager {

    private static final Logger LOG = LoggerFactory.getLogger(FingerprintTrustManager.class);

    private final TlsPolicy policy;

    FingerprintTrustManager(TlsPolicy policy) {
        if (!(policy instanceof TlsPolicy.Pinned) && !(policy instanceof TlsPolicy.TrustOnFirstUse)) {
            throw new IllegalArgumentException("fingerprint trust needs a Pinned or TrustOnFirstUse policy");
        }
        this.policy = policy;
    }

    /** A TLS client context trusting by fingerprint as {@code policy} says. */
    static javax.net.ssl.SSLContext sslContext(TlsPolicy policy) {
        try {
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new FingerprintTrustManager(policy)},
                    new java.security.SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for " + policy, e);
        }
    }

    /** Thrown (inside the TLS handshake) when a certificate is not the expected one. */
    static final class FingerprintMismatchException extends CertificateException {
        private static final long serialVersionUID = 1L;

        FingerprintMismatchException(String message) {
            super(message);
        }
    }

    void check(X509Certificate[] chain, String peer) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server " + peer + " sent no certificate");
        }
        String seen = fingerprint(chain[0]);
        switch (policy) {
            case TlsPolicy.Pinned pinned -> {
                if (!pinned.sha256().equals(seen)) {
                    throw new FingerprintMismatchException("certificate of " + peer + " has SHA-256 fingerprint "
                            + seen + ", not the pinned " + pinned.sha256());
                }
            }
            case TlsPolicy.TrustOnFirstUse tofu -> {
                boolean first = tofu.store().get(peer).isEmpty();
                String known = tofu.store().rememberIfFirst(peer, seen);
                if (first && known.equals(seen)) {
                    LOG.info("trusting the certificate {} shows for the first time (SHA-256 {}), remembered in {}",
                            peer, seen, tofu.store().file());
                }
                if (!known.equals(seen)) {
                    LOG.error("CERTIFICATE CHANGED for {}: first seen {}, now {}. Refusing to talk to it. If the "
                            + "phone's certificate was replaced on purpose, delete its line from {}", peer, known,
                            seen, tofu.store().file());
                    throw new FingerprintMismatchException("certificate of " + peer + " changed: first seen "
                            + known + ", now " + seen + " (trust on first use; see " + tofu.store().file() + ")");
                }
            }
            default -> throw new IllegalStateException("unexpected policy " + policy);
        }
    }

    static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CertificateException("cannot fingerprint certificate", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, engine == null ? "unknown" : engine.getPeerHost() + ":" + engine.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, socket == null ? "unknown" : socket.getInetAddress().getHostAddress() + ":" + socket.getPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "unknown");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
