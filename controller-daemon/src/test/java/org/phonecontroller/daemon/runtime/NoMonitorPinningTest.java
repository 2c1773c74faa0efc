package org.phonecontroller.daemon.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * On Java 21–23 (21 is the supported floor) a virtual thread that blocks inside a {@code synchronized} block pins
 * its carrier thread; the daemon's admin requests, reconciler and discovery run on virtual threads and reach event
 * writes, decisions, the fingerprint store... So neither the daemon nor the protocols it uses hold a monitor: they
 * use {@code java.util.concurrent.locks}. (A run-time check cannot catch this on the JDK 24+ the build may use.)
 */
class NoMonitorPinningTest {

    private static final Pattern MONITOR = Pattern.compile("\\bsynchronized\\s*[({]|\\bsynchronized\\s+\\w");

    @Test
    void neitherTheDaemonNorThePhoneProtocolsHoldAMonitor() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path sources : List.of(Path.of("src/main/java"), Path.of("../phone-protocols/src/main/java"))) {
            assertThat(sources).isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        String code = lines.get(i).strip();
                        if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
                            continue;
                        }
                        if (MONITOR.matcher(code).find()) {
                            found.add(file + ":" + (i + 1) + ": " + code);
                        }
                    }
                }
            }
        }
        assertThat(found).as("synchronized blocks or methods (use a ReentrantLock)").isEmpty();
    }
}
