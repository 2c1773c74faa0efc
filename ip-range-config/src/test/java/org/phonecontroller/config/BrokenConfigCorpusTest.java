package org.phonecontroller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configurations broken the way admins break them ({@code src/test/resources/broken}): each {@code X.yaml}
 * must produce exactly the problems listed in {@code X.expected}, one {@code file:line:column: message} per line.
 */
class BrokenConfigCorpusTest {
    @TempDir
    Path folder;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(ConfigFixtures.resourceFolder("broken"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected"))
                    .map(n -> n.substring(0, n.length() - ".expected".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedProblems(String name) throws IOException {
        ConfigFixtures.copy("broken", folder);
        List<String> expected = Files.readAllLines(folder.resolve(name + ".expected")).stream()
                .filter(l -> !l.isBlank()).toList();

        ConfigLoadResult result = new ConfigLoader().load(folder.resolve(name + ".yaml"));

        assertThat(ConfigFixtures.printed(result, folder)).containsExactlyElementsOf(expected);
    }

    @Test
    void everyBrokenConfigurationHasItsExpectedProblems() throws IOException {
        try (Stream<Path> files = Files.list(ConfigFixtures.resourceFolder("broken"))) {
            List<String> withoutExpectation = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.contains("credentials"))
                    .filter(n -> !Files.exists(ConfigFixtures.resourceFolder("broken")
                            .resolve(n.replace(".yaml", ".expected"))))
                    .toList();
            assertThat(withoutExpectation).isEmpty();
        }
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void neverPrintsASecretOfTheCredentialsFiles() throws IOException {
        ConfigFixtures.copy("broken", folder);
        for (String name : cases().toList()) {
            ConfigLoadResult result = new ConfigLoader().load(folder.resolve(name + ".yaml"));
            assertThat(String.join("\n", ConfigFixtures.printed(result, folder)))
                    .as(name).doesNotContain("Secret", "Sh0rt");
        }
    }
}
