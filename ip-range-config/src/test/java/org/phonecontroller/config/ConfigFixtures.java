package org.phonecontroller.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a folder of test configurations into a temporary folder. Git does not keep file modes, so the copy
 * gives every credentials file mode 0600, except those named {@code world-readable-*} (0644).
 */
final class ConfigFixtures {
    private ConfigFixtures() {
    }

    static Path resourceFolder(String name) {
        try {
            return Path.of(ConfigFixtures.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path copy(String resourceFolder, Path target) {
        Path source = resourceFolder(resourceFolder);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                    continue;
                }
                Files.copy(p, t);
                String name = p.getFileName().toString();
                if (name.contains("credentials") && name.endsWith(".yaml")) {
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString(
                            name.startsWith("world-readable") ? "rw-r--r--" : "rw-------"));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems as printed, with the temporary folder taken out of file names. */
    static List<String> printed(ConfigLoadResult result, Path folder) {
        return switch (result) {
            case ConfigLoadResult.Valid valid -> List.of("VALID");
            case ConfigLoadResult.Invalid invalid -> invalid.problems().stream()
                    .map(p -> p.toString().replace(folder + "/", "")).toList();
        };
    }
}
