package org.phonecontroller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The forms of a trust, as {@code tls: { trust }} and {@code phonectl probe --trust} write them. */
class TlsTrustTest {

    private static final Path BASE = Path.of("/etc/phonecontroller");

    @Test
    void readsSystemInAnyCaseAndAroundSpaces() {
        assertThat(TlsTrust.parse(" System ", BASE)).isEqualTo(TlsTrust.SYSTEM);
    }

    @Test
    void readsAFingerprintAsOpensslPrintsItIntoLowerCaseHex() {
        assertThat(TlsTrust.parse("SHA256:" + "AB:".repeat(31) + "AB", BASE))
                .isEqualTo(new TlsTrust.Pinned("ab".repeat(32)))
                .hasToString("sha256:" + "ab".repeat(32));
    }

    @Test
    void readsAnyOtherTextAsAPemFileRelativeToTheBase() {
        assertThat(TlsTrust.parse("certs/../pbx.pem", BASE))
                .isEqualTo(new TlsTrust.PemFile(Path.of("/etc/phonecontroller/pbx.pem")));
        assertThat(TlsTrust.parse("/srv/ca.pem", BASE)).isEqualTo(new TlsTrust.PemFile(Path.of("/srv/ca.pem")));
    }

    @Test
    void refusesAFingerprintThatIsNot32BytesOfHexAndSaysWhatItGot() {
        assertThatThrownBy(() -> TlsTrust.parse("sha256:abcd", BASE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'abcd' is not a SHA-256 fingerprint (64 hex digits, colons allowed, as "
                        + "'openssl x509 -noout -fingerprint -sha256' prints it)");
        assertThatThrownBy(() -> TlsTrust.parse("sha256:" + "zz".repeat(32), BASE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a SHA-256 fingerprint");
    }
}
