package org.phonecontroller.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> FAILOVER = List.of("maxInFlight", "maxPerSecond", "busyPhones",
            "maxBusyDeferral", "failback", "automaticFailbackAfter");

    @Test
    void suggestsTheKeyAnAdminMostLikelyMeant() {
        assertThat(Suggestions.closest("maxInflight", FAILOVER)).contains("maxInFlight");
        assertThat(Suggestions.closest("maxPerSec", FAILOVER)).contains("maxPerSecond");
        assertThat(Suggestions.closest("busyphone", FAILOVER)).contains("busyPhones");
        assertThat(Suggestions.closest("pm-primery", List.of("pm-primary", "pm-fallback"))).contains("pm-primary");
        assertThat(Suggestions.closest("polycom", List.of("polycom-rest", "snom-http"))).contains("polycom-rest");
    }

    @Test
    void staysSilentWhenNothingIsClose() {
        assertThat(Suggestions.closest("colour", FAILOVER)).isEmpty();
        assertThat(Suggestions.closest("x", FAILOVER)).isEmpty();
        assertThat(Suggestions.didYouMean("x".repeat(5000), FAILOVER)).isEmpty();
    }

    @Test
    void countsTranspositionsAsOneEdit() {
        assertThat(Suggestions.distance("failbcak", "failback")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
