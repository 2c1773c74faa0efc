package org.phonecontroller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API leaves loopback only when the configuration says so explicitly and gives it TLS. */
class AdminExposureConfigTest {
    @TempDir
    Path folder;

    @Test
    void acceptsANetworkAddressWithAllowRemoteAndTls() throws IOException {
        ControllerConfig config = valid("""
                admin:
                  listen: 192.0.2.5:8765
                  allowRemote: true
                  tls: { keyStore: admin.p12, passwordFile: admin.p12.password }
                """);

        assertThat(config.admin()).isEqualTo(new AdminSettings("192.0.2.5", 8765, folder.resolve("data/admin.token"),
                true, Optional.of(new AdminSettings.Tls(folder.resolve("admin.p12"),
                        folder.resolve("admin.p12.password")))));
    }

    @Test
    void refusesANetworkAddressWithoutTlsOrWithoutAllowRemote() throws IOException {
        assertThat(problems("""
                admin:
                  listen: 192.0.2.5:8765
                  allowRemote: true
                """)).containsExactly("controller.yaml:11:11: admin.listen must be a loopback address (127.0.0.1, ::1"
                + " or localhost), not '192.0.2.5': the admin API is exposed to the network only with"
                + " admin.allowRemote: true and admin.tls { keyStore, passwordFile }");
        assertThat(problems("""
                admin:
                  listen: 192.0.2.5:8765
                  tls: { keyStore: admin.p12, passwordFile: admin.p12.password }
                """)).hasSize(1).allMatch(p -> p.contains("not '192.0.2.5'"));
        assertThat(problems("""
                admin:
                  tls: { keyStore: admin.p12 }
                """)).containsExactly("controller.yaml:11:8: admin.tls needs keyStore and passwordFile");
    }

    private ControllerConfig valid(String admin) throws IOException {
        ConfigLoadResult result = load(admin);
        assertThat(ConfigFixtures.printed(result, folder)).containsExactly("VALID");
        return ((ConfigLoadResult.Valid) result).config();
    }

    private java.util.List<String> problems(String admin) throws IOException {
        return ((ConfigLoadResult.Invalid) load(admin)).problems().stream()
                .map(p -> p.toString().replace(folder + "/", "")).toList();
    }

    private ConfigLoadResult load(String admin) throws IOException {
        Files.writeString(folder.resolve("credentials.yaml"), "default:\n  snmp: { version: 2c, community: lab }\n");
        Files.setPosixFilePermissions(folder.resolve("credentials.yaml"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.writeString(folder.resolve("controller.yaml"), """
                phoneManagers:
                  pbx:     { address: 10.0.0.10 }
                  standby: { address: 10.0.1.10 }
                ranges:
                  - name: office
                    addresses: [10.1.0.0/24]
                    primary: pbx
                    fallback: standby
                    protocols: [snmp:sip-ua-generic]
                """ + admin);
        return new ConfigLoader().load(folder.resolve("controller.yaml"));
    }
}
