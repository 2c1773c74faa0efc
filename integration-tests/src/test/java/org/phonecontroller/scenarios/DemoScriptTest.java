package org.phonecontroller.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/demo} (issue #6) as a user runs it: the whole story ends with exit 0 and a summary; Ctrl-C in the
 * middle stops everything it started. Slow: each run takes about a minute.
 */
@Tag("slow")
class DemoScriptTest {
    private static final Path DEMO = Path.of("..", "scripts", "demo").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    @Test
    void tellsTheWholeStoryAndExitsZero() throws Exception {
        Process demo = start();
        assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("the demo finished within 5 minutes").isTrue();
        String out = Files.readString(folder.resolve("demo.out"));

        assertThat(demo.exitValue()).as(out).isZero();
        assertThat(out).contains("phones in the daemon's inventory: 1000 / 1000",
                "phones registered at pm-b: 1000 / 1000", "at pm-b: 1000, at pm-a: 0",
                "phonectl failback --all --wait", "phones registered at pm-a: 1000 / 1000", "phones failed               0",
                "logs/events.jsonl");
    }

    @Test
    void leavesNoProcessBehindWhenInterrupted() throws Exception {
        Process demo = start();
        await("the demo to kill the primary").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(folder.resolve("demo.out")).contains("killing the primary"));
        List<ProcessHandle> started = new ArrayList<>(demo.descendants().toList());
        assertThat(started).as("the lab and the daemon run").hasSizeGreaterThanOrEqualTo(2);

        new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start().waitFor();

        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).isEqualTo(130);
        await("every process the demo started to end").atMost(Duration.ofSeconds(10))
                .until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(Files.readString(folder.resolve("demo.out"))).contains("interrupted: stopping the lab and the daemon");
    }

    private Process start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(DEMO.toString()).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("demo.out").toFile());
        pb.environment().put("DEMO_PREFIX", "127.27");
        pb.environment().put("TMPDIR", folder.toString());
        return pb.start();
    }
}
