package org.phonecontroller.protocols.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP Digest access authentication (RFC 7616, and RFC 2617 servers without qop): MD5, SHA-256 and SHA-512-256,
 * plain and {@code -sess}, {@code qop=auth}. {@code auth-int} alone is not supported (the server's choice is
 * refused).
 */
final class DigestAuthorization {

    private DigestAuthorization() {
    }

    /** Why a challenge cannot be answered; the message names the challenge, never the password. */
    static final class UnsupportedChallengeException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedChallengeException(String message) {
            super(message);
        }
    }

    /**
     * The {@code Authorization} header value answering {@code challenge} (scheme digest).
     *
     * @param method    the request method
     * @param uri       the request-target as sent (path and query)
     * @param nonceCount how many times this nonce has been used, from 1
     * @param cnonce    a fresh client nonce
     */
    static String header(AuthChallenge challenge, HttpCredentials credentials, String method, String uri,
                         int nonceCount, String cnonce) throws UnsupportedChallengeException {
        String realm = challenge.param("realm").orElse("");
        String nonce = challenge.param("nonce").orElseThrow(() ->
                new UnsupportedChallengeException("Digest challenge without a nonce"));
        String algorithm = challenge.param("algorithm").orElse("MD5");
        String alg = algorithm.toUpperCase(Locale.ROOT);
        boolean session = alg.endsWith("-SESS");
        String javaName = switch (session ? alg.substring(0, alg.length() - 5) : alg) {
            case "MD5" -> "MD5";
            case "SHA-256" -> "SHA-256";
            case "SHA-512-256" -> "SHA-512/256";
            default -> throw new UnsupportedChallengeException("Digest algorithm '" + algorithm
                    + "' is not supported (MD5, SHA-256, SHA-512-256 and their -sess forms are)");
        };
        Optional<String> qop = chooseQop(challenge);
        String nc = String.format(Locale.ROOT, "%08x", nonceCount);

        String ha1 = hash(javaName, credentials.user() + ":" + realm + ":" + credentials.password());
        if (session) {
            ha1 = hash(javaName, ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = hash(javaName, method + ":" + uri);
        String response = qop.isPresent()
                ? hash(javaName, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop.get() + ":" + ha2)
                : hash(javaName, ha1 + ":" + nonce + ":" + ha2);

        StringBuilder h = new StringBuilder("Digest ");
        h.append("username=").append(quote(credentials.user()));
        h.append(", realm=").append(quote(realm));
        h.append(", nonce=").append(quote(nonce));
        h.append(", uri=").append(quote(uri));
        h.append(", algorithm=").append(algorithm);
        h.append(", response=").append(quote(response));
        challenge.param("opaque").ifPresent(o -> h.append(", opaque=").append(quote(o)));
        if (qop.isPresent()) {
            h.append(", qop=").append(qop.get()).append(", nc=").append(nc).append(", cnonce=").append(quote(cnonce));
        }
        return h.toString();
    }

    private static Optional<String> chooseQop(AuthChallenge challenge) throws UnsupportedChallengeException {
        Optional<String> offered = challenge.param("qop");
        if (offered.isEmpty()) {
            return Optional.empty(); // RFC 2069/2617 compatibility
        }
        List<String> options = Arrays.stream(offered.get().split(",")).map(String::trim)
                .map(o -> o.toLowerCase(Locale.ROOT)).toList();
        if (options.contains("auth")) {
            return Optional.of("auth");
        }
        throw new UnsupportedChallengeException("Digest qop '" + offered.get() + "' is not supported (only auth)");
    }

    private static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
