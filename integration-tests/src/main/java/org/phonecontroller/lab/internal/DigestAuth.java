package org.phonecontroller.lab.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Digest authentication (RFC 7616 / RFC 3261 §22.4, MD5, qop=auth or none) as the lab's phones check it, for HTTP
 * requests and SIP requests alike. Nonces are stateless: a timestamp signed with a per-instance secret, valid for
 * five minutes.
 */
public final class DigestAuth {
    private static final long NONCE_LIFETIME_MS = 300_000;
    private final byte[] secret = new byte[16];
    private final String realm;

    public DigestAuth(String realm) {
        this.realm = realm;
        new SecureRandom().nextBytes(secret);
    }

    /** The value of a {@code WWW-Authenticate} header with a fresh nonce. */
    public String challenge() {
        return "Digest realm=\"" + realm + "\", qop=\"auth\", nonce=\"" + nonce(System.currentTimeMillis())
                + "\", algorithm=MD5";
    }

    /** Whether {@code authorization} (a whole {@code Authorization} header value) proves the user's password. */
    public boolean accepts(String authorization, String method, String user, String password) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = parseParams(authorization.substring(7));
        String nonce = p.get("nonce");
        String response = p.get("response");
        String uri = p.get("uri");
        if (nonce == null || response == null || uri == null || !user.equals(p.get("username"))
                || !realm.equals(p.get("realm")) || !nonceValid(nonce)) {
            return false;
        }
        String ha1 = md5(user + ":" + realm + ":" + password);
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

    /** The {@code name=value} / {@code name="value"} pairs of a challenge or credentials, names lower case. */
    public static Map<String, String> parseParams(String s) {
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
