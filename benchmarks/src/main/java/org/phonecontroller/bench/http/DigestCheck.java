package org.phonecontroller.bench.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The fake phones' side of HTTP Digest (RFC 7616 3.4.1, MD5 with {@code qop=auth}, the variant desk phones
 * commonly offer): the challenge, and the check of an {@code Authorization} header against it. Written apart from
 * phone-protocols' client code on purpose, so a client that computes the response wrongly is refused.
 */
final class DigestCheck {

    /** What a request's credentials amount to. */
    enum Verdict { ACCEPTED, STALE_NONCE, REFUSED }

    static final String REALM = "fake-phone";

    private final String realm;
    private final String user;
    private final String password;

    DigestCheck(String realm, String user, String password) {
        this.realm = realm;
        this.user = user;
        this.password = password;
    }

    String challenge(String nonce, boolean stale) {
        return "Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=MD5, nonce=\"" + nonce
                + "\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"" + (stale ? ", stale=true" : "");
    }

    /**
     * @param header        the Authorization header, or null
     * @param method        the request method
     * @param requestTarget the request target as received (path and query)
     * @param nonce         the nonce this connection was challenged with
     */
    Verdict check(String header, String method, String requestTarget, String nonce) {
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Verdict.REFUSED;
        }
        Map<String, String> p = params(header.substring(7));
        String qop = p.getOrDefault("qop", "");
        if (!user.equals(p.get("username")) || !realm.equals(p.get("realm")) || !qop.equals("auth")
                || !requestTarget.equals(p.get("uri")) || !"MD5".equalsIgnoreCase(p.getOrDefault("algorithm", "MD5"))
                || p.get("nc") == null || p.get("cnonce") == null || p.get("response") == null) {
            return Verdict.REFUSED;
        }
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + requestTarget);
        String expected = md5(ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + qop + ":"
                + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.get("response").toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.REFUSED;
        }
        return nonce.equals(p.get("nonce")) ? Verdict.ACCEPTED : Verdict.STALE_NONCE;
    }

    /** {@code name=value} and {@code name="quoted \" value"} pairs, comma separated; names in lower case. */
    static Map<String, String> params(String text) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == ',' || text.charAt(i) == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < n && text.charAt(i) != '=' && text.charAt(i) != ',') {
                i++;
            }
            String name = text.substring(nameStart, i).strip().toLowerCase(java.util.Locale.ROOT);
            if (i >= n || text.charAt(i) != '=') {
                continue;
            }
            i++;
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = text.charAt(i++);
                    }
                    value.append(c);
                }
                i++; // closing quote
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            out.putIfAbsent(name, value.toString().strip());
        }
        return out;
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }
}
