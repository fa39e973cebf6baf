package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FastRulesTest {

    private final FastRules fast = new FastRules(30, 10, Duration.ofSeconds(5));

    @Test
    void dividesForDurationsAndRangesByTheirFactors() {
        assertThat(fast.shorten("expr: rate(x[10m]) > 0.8\n        for: 5m\n"))
                .isEqualTo("expr: rate(x[60s]) > 0.8\n        for: 10s\n");
    }

    @Test
    void neverGoesBelowTheFloorSoARateKeepsTwoSamples() {
        assertThat(fast.shorten("rate(x[1m]) for: 1m [30s] [2h]")).isEqualTo("rate(x[6s]) for: 5s [5s] [720s]");
    }

    @Test
    void leavesEverythingElseAlone() {
        String rules = "summary: \"{{ $value }} of 5 m\"\nexpr: y > 1000 and z{le=\"5.0\"}\n";

        assertThat(fast.shorten(rules)).isEqualTo(rules);
    }
}
