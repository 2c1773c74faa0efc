package org.phonecontroller.lab.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.phonecontroller.lab.LabConfig.HttpCredentials;

/**
 * HTTP Basic (RFC 7617) and Digest (RFC 7616, MD5, qop=auth) as phone web servers do them. A 401 challenges with
 * both, so {@code curl -u} (Basic) and {@code curl --digest} both work. Nonces are stateless: a timestamp signed
 * with a per-lab secret, valid for five minutes.
 */
final class HttpAuth {
    private static final long NONCE_LIFETIME_MS = 300_000;
    private final byte[] secret = new byte[16];
    private final String realm;

    HttpAuth(String realm) {
        this.realm = realm;
        new SecureRandom().nextBytes(secret);
    }

    /** Whether the request carries valid credentials. */
    boolean accepts(HttpExchange exchange, HttpCredentials credentials) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            return false;
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            return MessageDigest.isEqual(decoded.getBytes(StandardCharsets.UTF_8),
                    (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        }
        if (header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return digestAccepts(parseParams(header.substring(7)), exchange.getRequestMethod(), credentials);
        }
        return false;
    }

    /** Sends 401 with Digest and Basic challenges. */
    void challenge(HttpExchange exchange) throws java.io.IOException {
        String nonce = nonce(System.currentTimeMillis());
        exchange.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"" + realm + "\", qop=\"auth\", nonce=\""
                + nonce + "\", algorithm=MD5");
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        Responses.send(exchange, 401, "text/html", "<html><body><h1>401 Unauthorized</h1></body></html>");
    }

    private boolean digestAccepts(Map<String, String> p, String method, HttpCredentials credentials) {
        String nonce = p.get("nonce");
        String response = p.get("response");
        String uri = p.get("uri");
        if (nonce == null || response == null || uri == null || !credentials.user().equals(p.get("username"))
                || !realm.equals(p.get("realm")) || !nonceValid(nonce)) {
            return false;
        }
        String ha1 = md5(credentials.user() + ":" + realm + ":" + credentials.password());
        String ha2 = md5(method + ":" + uri);
        String qop = p.get("qop");
        String expected = qop == null ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + p.getOrDefault("nc", "") + ":" + p.getOrDefault("cnonce", "") + ":"
                + qop + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private String nonce(long timeMs) {
        String ts = Long.toHexString(timeMs);
        return ts + md5(ts + ":" + HexFormat.of().formatHex(secret)).substring(0, 16);
    }

    private boolean nonceValid(String nonce) {
        if (nonce.length() <= 16) {
            return false;
        }
        String ts = nonce.substring(0, nonce.length() - 16);
        try {
            long t = Long.parseLong(ts, 16);
            return nonce(t).equals(nonce) && System.currentTimeMillis() - t < NONCE_LIFETIME_MS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static Map<String, String> parseParams(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            String value;
            if (j < s.length() && s.charAt(j) == '"') {
                int end = s.indexOf('"', j + 1);
                end = end < 0 ? s.length() : end;
                value = s.substring(j + 1, end);
                i = end + 1;
            } else {
                int end = s.indexOf(',', j);
                end = end < 0 ? s.length() : end;
                value = s.substring(j, end).trim();
                i = end;
            }
            out.put(name, value);
        }
        return out;
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
