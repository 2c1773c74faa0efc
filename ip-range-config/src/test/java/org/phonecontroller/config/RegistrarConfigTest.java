package org.phonecontroller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrarConfigTest {
    @TempDir
    Path folder;

    @Test
    void readsBothKindsOfRegistrarViewAndTheAmiUserFromTheCredentialsFile() throws IOException {
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, """
                pm-c-ami:
                  ami: { user: phonecontroller, secret: "Ami-Secret" }
                default:
                  http: { user: admin, password: "Http-Secret" }
                """);
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Path config = folder.resolve("controller.yaml");
        Files.writeString(config, """
                phoneManagers:
                  pm-b: { address: 10.0.1.10:5060, registrar: { kind: kamailio-jsonrpc, url: "http://10.0.1.10:5071/RPC" } }
                  pm-c: { address: 10.0.2.10:5060, registrar: { kind: asterisk-ami, address: 10.0.2.10:5038, credentials: pm-c-ami, interval: 5s, deadline: 2m } }
                  pm-d: { address: 10.0.3.10:5060 }
                ranges:
                  - { name: floor-1, addresses: [10.1.0.0/22], primary: pm-b, fallback: pm-c, protocols: [polycom-rest] }
                  - { name: floor-2, addresses: [10.2.0.0/22], primary: pm-c, fallback: pm-d, protocols: [polycom-rest], requireRegistration: false }
                """);

        ConfigLoadResult result = new ConfigLoader().load(config);

        assertThat(ConfigFixtures.printed(result, folder)).containsExactly("VALID");
        var valid = (ConfigLoadResult.Valid) result;
        assertThat(valid.config().phoneManager("pm-b").orElseThrow().registrar()).contains(
                new RegistrarConfig.KamailioJsonRpc(URI.create("http://10.0.1.10:5071/RPC"),
                        RegistrarConfig.Timing.DEFAULTS));
        assertThat(valid.config().phoneManager("pm-c").orElseThrow().registrar()).contains(
                new RegistrarConfig.AsteriskAmi("10.0.2.10", 5038, "pm-c-ami", new RegistrarConfig.Timing(
                        Duration.ofSeconds(5), RegistrarConfig.DEFAULT_TIMEOUT, Duration.ofMinutes(2))));
        assertThat(valid.config().phoneManager("pm-d").orElseThrow().registrar()).isEmpty();
        assertThat(valid.credentials().byKey().get("pm-c-ami").ami()).contains(
                new AmiCredentials("phonecontroller", "Ami-Secret"));
        assertThat(valid.credentials().toString()).doesNotContain("Ami-Secret");
        assertThat(valid.config().range("floor-1").orElseThrow().requireRegistration()).isTrue();
        assertThat(valid.config().range("floor-2").orElseThrow().requireRegistration()).isFalse();
    }
}
