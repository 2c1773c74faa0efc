package org.phonecontroller.protocols.http;

import java.util.Optional;

/**
 * Answers a Digest challenge for other protocols than HTTP (SIP, RFC 3261 22.4, uses RFC 2617/7616 digest): the
 * value of the {@code Authorization}/{@code Proxy-Authorization} header, or empty when the challenge holds no
 * Digest challenge this module can answer.
 */
public final class DigestResponder {

    private DigestResponder() {
    }

    /**
     * @param challengeHeader the {@code WWW-Authenticate}/{@code Proxy-Authenticate} value
     * @param method          the request method
     * @param uri             the request URI as sent
     * @param cnonce          a fresh client nonce
     */
    public static Optional<String> authorization(String challengeHeader, HttpCredentials credentials, String method,
                                                 String uri, String cnonce) {
        for (AuthChallenge challenge : AuthChallenge.parse(challengeHeader)) {
            if (challenge.scheme().equals("digest")) {
                try {
                    return Optional.of(DigestAuthorization.header(challenge, credentials, method, uri, 1, cnonce));
                } catch (DigestAuthorization.UnsupportedChallengeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
