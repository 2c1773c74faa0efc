package org.phonecontroller.lab.internal.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.smi.OctetString;

/** The lab's cached key localisation gives exactly the keys SNMP4J derives the slow way. */
class UsmKeysTest {
    private static final byte[] ENGINE = {(byte) 0x80, 0, 0, 9, 1, 127, 20, 32, 1};

    @ParameterizedTest
    @ValueSource(strings = {"SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512"})
    void localisesAuthKeysLikeSnmp4j(String protocol) {
        SecurityProtocols sp = SecurityProtocols.getInstance().addDefaultProtocols();
        sp.addAuthenticationProtocol(new AuthSHA());
        byte[] expected = sp.passwordToKey(UsmKeys.authProtocolOid(protocol), new OctetString("labauth123"), ENGINE);
        assertThat(new UsmKeys().localizedKey(protocol, "labauth123", ENGINE, 0)).isEqualTo(expected);
    }

    @Test
    void localisesAes128PrivacyKeysLikeSnmp4j() {
        SecurityProtocols sp = SecurityProtocols.getInstance().addDefaultProtocols();
        sp.addAuthenticationProtocol(new AuthSHA());
        sp.addPrivacyProtocol(new PrivAES128());
        byte[] expected = sp.passwordToKey(PrivAES128.ID, UsmKeys.authProtocolOid("SHA-256"),
                new OctetString("labpriv123"), ENGINE);
        byte[] ours = new UsmKeys().localizedKey("SHA-256", "labpriv123", ENGINE, 16);
        assertThat(ours).isEqualTo(Arrays.copyOf(expected, 16));
    }
}
