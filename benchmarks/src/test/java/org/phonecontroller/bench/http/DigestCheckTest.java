package org.phonecontroller.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fake phones' Digest check against RFC 7616's own example (3.9.1, MD5), not against our client. */
class DigestCheckTest {

    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC_7616_EXAMPLE = "Digest username=\"Mufasa\", realm=\"http-auth@example.org\","
            + " uri=\"/dir/index.html\", algorithm=MD5, nonce=\"" + NONCE + "\", nc=00000001,"
            + " cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth,"
            + " response=\"8ca523f5e9506fed4657c9700eebdbec\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    private final DigestCheck check = new DigestCheck("http-auth@example.org", "Mufasa", "Circle of Life");

    @Test
    void acceptsTheRfcExample() {
        assertThat(check.check(RFC_7616_EXAMPLE, "GET", "/dir/index.html", NONCE))
                .isEqualTo(DigestCheck.Verdict.ACCEPTED);
    }

    @Test
    void callsACorrectAnswerToAnotherConnectionsNonceStale() {
        assertThat(check.check(RFC_7616_EXAMPLE, "GET", "/dir/index.html", "a-newer-nonce"))
                .isEqualTo(DigestCheck.Verdict.STALE_NONCE);
    }

    @Test
    void refusesAWrongPasswordAnotherMethodOrAnotherUri() {
        var other = new DigestCheck("http-auth@example.org", "Mufasa", "Circle of Death");
        assertThat(other.check(RFC_7616_EXAMPLE, "GET", "/dir/index.html", NONCE))
                .isEqualTo(DigestCheck.Verdict.REFUSED);
        assertThat(check.check(RFC_7616_EXAMPLE, "POST", "/dir/index.html", NONCE))
                .isEqualTo(DigestCheck.Verdict.REFUSED);
        assertThat(check.check(RFC_7616_EXAMPLE, "GET", "/dir/other.html", NONCE))
                .isEqualTo(DigestCheck.Verdict.REFUSED);
    }

    @Test
    void refusesNoCredentialsAndBasic() {
        assertThat(check.check(null, "GET", "/dir/index.html", NONCE)).isEqualTo(DigestCheck.Verdict.REFUSED);
        assertThat(check.check("Basic TXVmYXNhOkNpcmNsZSBvZiBMaWZl", "GET", "/dir/index.html", NONCE))
                .isEqualTo(DigestCheck.Verdict.REFUSED);
    }

    @Test
    void readsQuotedEscapedAndBareParameters() {
        assertThat(DigestCheck.params("a=\"x, \\\"y\\\"\", B=bare,c=,  d=\"\""))
                .containsEntry("a", "x, \"y\"").containsEntry("b", "bare").containsEntry("c", "")
                .containsEntry("d", "");
    }
}
