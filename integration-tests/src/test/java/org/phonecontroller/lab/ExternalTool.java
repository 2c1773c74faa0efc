package org.phonecontroller.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real client (snmpget, curl, sipp) with a time limit and captures what it printed. */
final class ExternalTool {
    private ExternalTool() {
    }

    /** What a finished tool printed; exit code -1 when it had to be killed at the time limit. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Result run(Duration limit, String... command) {
        return run(limit, List.of(command));
    }

    static Result run(Duration limit, List<String> command) {
        try {
            Path out = Files.createTempFile("tool", ".out");
            Path err = Files.createTempFile("tool", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                int code;
                if (p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    code = p.exitValue();
                } else {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    code = -1;
                }
                return new Result(code, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0)
                    + " (scripts/install-test-peers installs the test peers)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
