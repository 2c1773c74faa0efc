package org.phonecontroller.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.protocols.http.HttpCredentials;
import org.phonecontroller.protocols.snmp.SnmpCredentials;

class PhoneProtocolFactoryTest {

    private final ProtocolSettings settings = ProtocolSettings.defaults()
            .withSnmp(new SnmpCredentials.V2c("c0mmunity-secret"))
            .withHttp(new HttpCredentials("Polycom", "secret-password"));

    @Test
    void knowsTheHttpProtocolsAndOneSnmpProtocolPerProfile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("acme.yaml"), """
                name: acme
                writable: false
                serverTable: { addressColumn: 1.3.6.1.2.1.150.1.1.1.3 }
                """);
        try (PhoneProtocolFactory factory = new PhoneProtocolFactory(Optional.of(dir))) {
            assertThat(factory.knownProtocolNames()).containsExactly("grandstream-http", "polycom-rest",
                    "snmp:acme", "snmp:cisco-sip-ua", "snmp:sip-ua-generic", "snom-http");
        }
    }

    @Test
    void buildsEveryKnownProtocolUnderItsConfigurationName() {
        try (PhoneProtocolFactory factory = new PhoneProtocolFactory(Optional.empty())) {
            for (String name : factory.knownProtocolNames()) {
                assertThat(factory.create(name, settings).name()).isEqualTo(name);
            }
        }
    }

    @Test
    void refusesAnUnknownProtocolNamingTheKnownOnes() {
        try (PhoneProtocolFactory factory = new PhoneProtocolFactory(Optional.empty())) {
            assertThatThrownBy(() -> factory.create("snmp:yealink", settings))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown phone protocol 'snmp:yealink'; known: grandstream-http, polycom-rest, "
                            + "snmp:cisco-sip-ua, snmp:sip-ua-generic, snom-http");
            assertThatThrownBy(() -> factory.create("cisco-http", settings))
                    .hasMessageStartingWith("unknown phone protocol 'cisco-http'");
        }
    }

    @Test
    void refusesAProtocolWithoutItsCredentials() {
        try (PhoneProtocolFactory factory = new PhoneProtocolFactory(Optional.empty())) {
            assertThatThrownBy(() -> factory.create("polycom-rest", ProtocolSettings.defaults()))
                    .hasMessage("protocol 'polycom-rest' needs HTTP credentials (user and password)");
            assertThatThrownBy(() -> factory.create("snmp:cisco-sip-ua", ProtocolSettings.defaults()))
                    .hasMessage("protocol 'snmp:cisco-sip-ua' needs SNMP credentials (a v2c community or a v3 user)");
        }
    }

    @Test
    void neverShowsSecretsInToString() {
        try (PhoneProtocolFactory factory = new PhoneProtocolFactory(Optional.empty())) {
            ProtocolSettings v3 = settings.withSnmp(new SnmpCredentials.V3("admin",
                    SnmpCredentials.AuthProtocol.SHA_256, "auth-secret-1", SnmpCredentials.PrivProtocol.AES_128,
                    "priv-secret-1"));

            assertThat(factory.create("snmp:cisco-sip-ua", v3).toString()).contains("admin")
                    .doesNotContain("auth-secret-1").doesNotContain("priv-secret-1");
            assertThat(factory.create("snmp:cisco-sip-ua", settings).toString()).doesNotContain("c0mmunity-secret");
            assertThat(factory.create("polycom-rest", settings).toString()).contains("Polycom")
                    .doesNotContain("secret-password");
            assertThat(v3.toString()).doesNotContain("auth-secret-1").doesNotContain("priv-secret-1")
                    .doesNotContain("secret-password");
        }
    }

    @Test
    void refusesOneSnmpV3UserNameWithTwoDifferentKeys() {
        try (PhoneProtocolFactory factory = new PhoneProtocolFactory(Optional.empty())) {
            factory.create("snmp:cisco-sip-ua", settings.withSnmp(new SnmpCredentials.V3("admin",
                    SnmpCredentials.AuthProtocol.SHA_256, "auth-secret-1", SnmpCredentials.PrivProtocol.AES_128,
                    "priv-secret-1")));

            assertThatThrownBy(() -> factory.create("snmp:cisco-sip-ua", settings.withSnmp(new SnmpCredentials.V3(
                    "admin", SnmpCredentials.AuthProtocol.SHA, "auth-secret-2", SnmpCredentials.PrivProtocol.AES_128,
                    "priv-secret-2"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SNMPv3 user 'admin' is configured twice")
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void refusesToBuildOnceClosed() {
        PhoneProtocolFactory factory = new PhoneProtocolFactory(Optional.empty());
        factory.close();

        assertThatThrownBy(() -> factory.create("polycom-rest", settings)).isInstanceOf(IllegalStateException.class);
    }
}
