package org.phonecontroller.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whatever the bytes of the configuration or the credentials file, loading answers Valid or Invalid with
 * located, one-line problems: no other exception, no hang. In the default build only the seeds run
 * (regression mode; seeds under {@code ConfigLoaderFuzzTestInputs/}); {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ConfigLoaderFuzzTest {
    private static final String CONFIG = """
            phoneManagers:
              pm-primary:  { address: 10.0.0.10:5060 }
              pm-fallback: { address: 10.0.1.10:5060 }
            ranges:
              - name: floor-1
                addresses: [10.1.0.0/22]
                primary: pm-primary
                fallback: pm-fallback
                protocols: [snmp:sip-ua-generic, polycom-rest]
            """;
    private static final String CREDENTIALS = """
            floor-1:
              snmp: { version: 3, user: admin, authProtocol: SHA-256, authPassword: "Fuzz-Auth-Secret" }
              http: { user: admin, password: "Fuzz-Http-Secret" }
            """;

    private static Path folder;

    @BeforeAll
    static void createFolder() throws IOException {
        folder = Files.createTempDirectory("config-fuzz");
    }

    @AfterAll
    static void removeFolder() throws IOException {
        try (var files = Files.list(folder)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(folder);
    }

    @FuzzTest(maxDuration = "60s")
    void answersValidOrLocatedProblemsForAnyConfiguration(byte[] yaml) throws IOException {
        writeCredentials(CREDENTIALS.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        check(new ConfigLoader().load(folder.resolve("controller.yaml"), yaml));
    }

    @FuzzTest(maxDuration = "60s")
    void answersValidOrLocatedProblemsForAnyCredentialsFile(byte[] credentials) throws IOException {
        writeCredentials(credentials);
        check(new ConfigLoader().load(folder.resolve("controller.yaml"),
                CONFIG.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void writeCredentials(byte[] content) throws IOException {
        Path file = folder.resolve("credentials.yaml");
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void check(ConfigLoadResult result) {
        switch (result) {
            case ConfigLoadResult.Valid valid -> assertThat(valid.config().ranges()).isNotEmpty();
            case ConfigLoadResult.Invalid invalid -> assertThat(invalid.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.file()).isNotBlank();
                assertThat(p.line()).isNotNegative();
                assertThat(p.column()).isNotNegative();
                assertThat(p.message()).isNotBlank().doesNotContain("\n", "\r", "Fuzz-Auth-Secret", "Fuzz-Http-Secret");
            });
        }
    }
}
