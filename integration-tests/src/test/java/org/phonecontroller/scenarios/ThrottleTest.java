package org.phonecontroller.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #7 (j): the push rate to a PhoneManager never exceeds {@code maxPerSecond}, counted where the phones apply
 * the change (the lab's per-second count of phones reprogrammed to the fallback), not where the daemon sends it.
 */
class ThrottleTest {
    private static final Logger LOG = LoggerFactory.getLogger(ThrottleTest.class);
    private static final String P = "127.50";
    private static final int MAX_PER_SECOND = 15;
    private static final int PHONES = 90;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void neverPushesFasterThanMaxPerSecondToAPhoneManager() {
        ControllerSetup setup = ControllerSetup.twoPhoneManagers(P)
                .withCiscoRange("cisco", P + ".16.1-" + P + ".16." + PHONES)
                .withFailover("{ maxInFlight: 64, maxPerSecond: " + MAX_PER_SECOND + " }");
        try (Scenario s = Scenario.start(folder, setup, P, ScenarioLab.ciscoPhones(P, 16, PHONES))) {
            s.lab.lab().killPhoneManager("pm-a");
            s.lab.awaitEveryPhoneRegisteredAt("pm-b", Duration.ofSeconds(60));

            var stats = s.lab.lab().stats("pm-b");
            LOG.info("config changes per second at pm-b: {}", stats.configChangesPerSecond().stream()
                    .map(c -> Long.toString(c[1])).collect(Collectors.joining(" ")));
            assertThat(stats.configChanges()).isEqualTo(PHONES);
            assertThat(stats.maxConfigChangesPerSecond()).isLessThanOrEqualTo(MAX_PER_SECOND);
            assertThat(Duration.between(stats.firstConfigChange().orElseThrow(), stats.lastConfigChange().orElseThrow()))
                    .as("90 phones at 15/s take about 6 s").isGreaterThanOrEqualTo(Duration.ofMillis(
                            1000L * (PHONES - MAX_PER_SECOND) / MAX_PER_SECOND));
        }
    }
}
