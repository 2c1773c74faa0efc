package org.phonecontroller.protocols.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.ChallengeType;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.client5.http.impl.auth.DigestScheme;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** Apache HttpClient's DigestScheme is an independent implementation of RFC 7616: we must agree with it. */
    @ParameterizedTest
    @ValueSource(strings = {"MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "SHA-512-256-sess"})
    void agreesWithApacheHttpClientOnEveryAlgorithm(String algorithm) throws Exception {
        HttpHost host = new HttpHost("http", "127.0.0.1", 80);
        HttpClientContext context = HttpClientContext.create();
        DigestScheme apache = new DigestScheme();
        apache.processChallenge(new org.apache.hc.client5.http.auth.AuthChallenge(ChallengeType.TARGET, "Digest",
                new BasicNameValuePair("realm", "phone"), new BasicNameValuePair("nonce", "n-1"),
                new BasicNameValuePair("qop", "auth"), new BasicNameValuePair("algorithm", algorithm),
                new BasicNameValuePair("opaque", "op")), context);
        assertThat(apache.isResponseReady(host, CredentialsProviderBuilder.create().add(new AuthScope(host),
                MUFASA.user(), MUFASA.password().toCharArray()).build(), context)).isTrue();
        Map<String, String> theirs = AuthChallenge.parse(apache.generateAuthResponse(host,
                new BasicHttpRequest("POST", "/api/v1/mgmt/config/set?x=1"), context)).get(0).params();

        String ours = DigestAuthorization.header(new AuthChallenge("Digest", Map.of("realm", "phone", "nonce", "n-1",
                "qop", "auth", "algorithm", algorithm, "opaque", "op")), MUFASA, "POST",
                "/api/v1/mgmt/config/set?x=1", Integer.parseInt(theirs.get("nc"), 16), theirs.get("cnonce"));

        assertThat(response(ours)).isEqualTo(theirs.get("response"));
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
