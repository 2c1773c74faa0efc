package org.phonecontroller.protocols.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void readsSeveralChallengesInOneHeader() {
        List<AuthChallenge> challenges = AuthChallenge.parse("Basic realm=\"phone, the first\", Digest "
                + "realm=\"phone\",nonce=\"a\\\"b\" ,  qop=\"auth,auth-int\", algorithm=SHA-256, stale=FALSE");

        assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("basic", "digest");
        assertThat(challenges.get(0).params()).containsEntry("realm", "phone, the first");
        assertThat(challenges.get(1).params()).containsEntry("nonce", "a\"b").containsEntry("qop", "auth,auth-int")
                .containsEntry("algorithm", "SHA-256").containsEntry("stale", "FALSE");
    }

    @Test
    void takesUnquotedBase64ValuesAndToken68() {
        List<AuthChallenge> challenges = AuthChallenge.parse("Negotiate dGVzdA==, DIGEST NONCE=ab/cd+ef=, realm=r");

        assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("negotiate", "digest");
        assertThat(challenges.get(1).params()).containsEntry("nonce", "ab/cd+ef=").containsEntry("realm", "r");
    }

    @Test
    void dropsGarbageWithoutThrowing() {
        assertThat(AuthChallenge.parse(null)).isEmpty();
        assertThat(AuthChallenge.parse("")).isEmpty();
        assertThat(AuthChallenge.parse(",,, ;;; \"")).isEmpty();
        assertThat(AuthChallenge.parse("Digest realm=\"unterminated")).singleElement()
                .satisfies(c -> assertThat(c.params()).containsEntry("realm", "unterminated"));
        assertThat(AuthChallenge.parse("x".repeat(AuthChallenge.MAX_LENGTH + 1))).isEmpty();
    }

    @Test
    void prefersTheStrongestDigestThenBasic() {
        assertThat(HttpTransport.best(List.of("Basic realm=x", "Digest realm=x, nonce=n, algorithm=MD5",
                "Digest realm=x, nonce=m, algorithm=SHA-256"))).hasValueSatisfying(c ->
                assertThat(c.params()).containsEntry("nonce", "m"));
        assertThat(HttpTransport.best(List.of("Basic realm=x"))).hasValueSatisfying(c ->
                assertThat(c.scheme()).isEqualTo("basic"));
        assertThat(HttpTransport.best(List.of("Bearer realm=x"))).isEmpty();
    }
}
