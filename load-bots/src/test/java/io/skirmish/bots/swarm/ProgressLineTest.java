package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.skirmish.bots.report.TimelineSample;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void showsCountsRatesAndLatenciesOnOneLine() {
        TimelineSample sample = new TimelineSample(12.4, 10, 20, 65, 3, 2, 35, 2_345, 12_500, 17.3, 40, 800, 1_100, 1,
                Map.of());

        String line = ProgressLine.format(sample, 100, 2.91, 4, false);

        assertThat(line).startsWith("[   12s] bots 100 | connected 88 queued 20 in-match 65 ranking 3")
                .contains("matches 35 (2.9/s)").contains("inputs 2345/s snapshots 12.5k/s")
                .contains("rtt p50 17.30 p99 40 ms").contains("ttm p99 1100 ms").endsWith("errors 4")
                .doesNotContain("\n");
    }

    @Test
    void marksTheDrainAndShowsMissingLatenciesAsNotAvailable() {
        TimelineSample empty = new TimelineSample(61, 0, 0, 0, 0, 100, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0, Map.of());

        assertThat(ProgressLine.format(empty, 100, 0, 0, true)).contains("draining,").contains("rtt p50 n/a p99 n/a");
    }
}
