package org.phonecontroller.protocols.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phonecontroller.protocols.sip.UserAgentTable.DeviceGuess;

class UserAgentTableTest {

    private static final UserAgentTable TABLE = UserAgentTable.builtIn();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            PolycomVVX-VVX_450-UA/6.4.3.5018               | Polycom     | VVX_450           | 6.4.3.5018
            PolycomSoundPointIP-SPIP_650-UA/4.0.15.1009    | Polycom     | SPIP_650          | 4.0.15.1009
            Yealink SIP-T46S 66.86.0.15                    | Yealink     | T46S              | 66.86.0.15
            Yealink SIP VP-T49G 51.80.0.100                | Yealink     | T49G              | 51.80.0.100
            Yealink W60B 77.83.0.85                        | Yealink     | W60B              | 77.83.0.85
            snom370/8.7.5.35                               | Snom        | 370               | 8.7.5.35
            snomD785/10.1.54.13                            | Snom        | D785              | 10.1.54.13
            Grandstream GXP2170 1.0.11.3                   | Grandstream | GXP2170           | 1.0.11.3
            Cisco-CP8845/14.1.1                            | Cisco       | 8845              | 14.1.1
            Cisco/SPA504G-7.6.2c                           | Cisco       | SPA504G           | 7.6.2c
            Avaya one-X Deskphone 7.1.4.0.5                | Avaya       | one-X Deskphone   | 7.1.4.0.5
            Fanvil X4 2.4.1 0c383e1234ab                   | Fanvil      | X4                | 2.4.1
            Gigaset N510 IP PRO/42.250.00.000.000          | Gigaset     | N510 IP PRO       | 42.250.00.000.000
            Aastra 6757i/3.3.1.4305                        | Mitel       | 6757i             | 3.3.1.4305
            Panasonic_KX-UT136/01.133 (0080f0abcdef)       | Panasonic   | KX-UT136          | 01.133
            """)
    void recognisesTheVendorsUserAgents(String userAgent, String vendor, String model, String firmware) {
        assertThat(TABLE.guess(userAgent)).contains(new DeviceGuess(vendor, model, firmware));
    }

    @Test
    void knowsNothingOfAnUnknownAgent() {
        assertThat(TABLE.guess("kamailio (5.6.3 (x86_64/linux))")).isEmpty();
        assertThat(TABLE.guess("")).isEmpty();
    }

    @Test
    void aTableIsDataAndABadEntryIsNamed() throws Exception {
        var custom = UserAgentTable.load(new ByteArrayInputStream("""
                - vendor: Acme
                  pattern: '^Acme (?<model>\\S+)'
                """.getBytes(StandardCharsets.UTF_8)), "custom.yaml");
        assertThat(custom.guess("ACME Phone9 1.0")).contains(new DeviceGuess("Acme", "Phone9", ""));
        assertThatThrownBy(() -> UserAgentTable.load(new ByteArrayInputStream("""
                - vendor: Broken
                  pattern: '(unclosed'
                """.getBytes(StandardCharsets.UTF_8)), "bad.yaml"))
                .hasMessageStartingWith("bad.yaml: entry 1 (Broken): bad pattern");
    }
}
