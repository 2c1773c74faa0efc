package org.phonecontroller.lab.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.phonecontroller.lab.LabConfig.HttpCredentials;
import org.phonecontroller.lab.internal.DigestAuth;

/**
 * HTTP Basic (RFC 7617) and Digest (RFC 7616, MD5, qop=auth; {@link DigestAuth}) as phone web servers do them. A
 * 401 challenges with both, so {@code curl -u} (Basic) and {@code curl --digest} both work.
 */
final class HttpAuth {
    private final String realm;
    private final DigestAuth digest;

    HttpAuth(String realm) {
        this.realm = realm;
        this.digest = new DigestAuth(realm);
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
        return digest.accepts(header, exchange.getRequestMethod(), credentials.user(), credentials.password());
    }

    /** Sends 401 with Digest and Basic challenges. */
    void challenge(HttpExchange exchange) throws java.io.IOException {
        exchange.getResponseHeaders().add("WWW-Authenticate", digest.challenge());
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        Responses.send(exchange, 401, "text/html", "<html><body><h1>401 Unauthorized</h1></body></html>");
    }
}
