package org.phonecontroller.protocols.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestAuthorizationTest {

    private static final HttpCredentials MUFASA = new HttpCredentials("Mufasa", "Circle of Life");

    private static AuthChallenge rfc7616(String algorithm) {
        return AuthChallenge.parse("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm="
                + algorithm + ", nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
                + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"").get(0);
    }

    private static String response(String header) {
        return AuthChallenge.parse(header).get(0).params().get("response");
    }

    @Test
    void answersTheRfc7616Sha256Example() throws Exception {
        String header = DigestAuthorization.header(rfc7616("SHA-256"), MUFASA, "GET", "/dir/index.html", 1,
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

        assertThat(response(header)).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        assertThat(AuthChallenge.parse(header).get(0).params()).containsEntry("qop", "auth")
                .containsEntry("nc", "00000001").containsEntry("opaque", "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")
                .containsEntry("uri", "/dir/index.html").containsEntry("username", "Mufasa");
    }

    @Test
    void answersTheRfc7616Md5Example() throws Exception {
        String header = DigestAuthorization.header(rfc7616("MD5"), MUFASA, "GET", "/dir/index.html", 1,
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

        assertThat(response(header)).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void answersTheRfc2617Example() throws Exception {
        AuthChallenge challenge = AuthChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"").get(0);

        String header = DigestAuthorization.header(challenge, new HttpCredentials("Mufasa", "Circle Of Life"), "GET",
                "/dir/index.html", 1, "0a4f113b");

        assertThat(response(header)).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void answersAnOldServerWithoutQop() throws Exception {
        AuthChallenge challenge = new AuthChallenge("Digest", Map.of("realm", "r", "nonce", "n"));

        String header = DigestAuthorization.header(challenge, MUFASA, "GET", "/", 1, "c");

        assertThat(header).doesNotContain("qop=").doesNotContain("cnonce").contains("algorithm=MD5");
        assertThat(header).doesNotContain("Circle of Life");
    }

    @Test
    void refusesWhatItCannotAnswer() {
        assertThatThrownBy(() -> DigestAuthorization.header(new AuthChallenge("Digest", Map.of("nonce", "n",
                "qop", "auth-int")), MUFASA, "GET", "/", 1, "c")).hasMessageContaining("qop 'auth-int'");
        assertThatThrownBy(() -> DigestAuthorization.header(new AuthChallenge("Digest", Map.of("nonce", "n",
                "algorithm", "SHA-1")), MUFASA, "GET", "/", 1, "c")).hasMessageContaining("'SHA-1'");
        assertThatThrownBy(() -> DigestAuthorization.header(new AuthChallenge("Digest", Map.of()), MUFASA, "GET",
                "/", 1, "c")).hasMessageContaining("without a nonce");
    }
}
