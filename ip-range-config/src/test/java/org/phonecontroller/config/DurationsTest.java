package org.phonecontroller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "3s,PT3S", "10m,PT10M", "1h,PT1H", "1d,PT24H", "1m30s,PT1M30S",
            "1h30m,PT1H30M", "2s500ms,PT2.5S", "0s,PT0S", "90s,PT1M30S"})
    void readsDurationsAsAdminsWriteThem(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"PT0.5S,500ms", "PT1M30S,1m30s", "PT24H,1d", "PT0S,0s", "PT1H0.001S,1h1ms"})
    void formatsWhatItParses(Duration duration, String text) {
        assertThat(Durations.format(duration)).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(duration);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            5 seconds | no spaces
            5         | a unit is missing (5s? 5ms?)
            -3s       | durations cannot be negative
            3x        | expected a whole number followed by a unit (d, h, m, s, ms)
            30s1m     | write each unit once, from the largest down
            1.5s      | expected a whole number followed by a unit
            """)
    void explainsBadDurationsQuotingTheText(String text, String hint) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid duration '" + text + "': ")
                .hasMessageContaining(hint);
    }
}
