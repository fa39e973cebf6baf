package io.skirmish.bots.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.skirmish.bots.metrics.PrometheusScrape;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StageSamplesTest {

    private static PrometheusScrape second(double toSocketP99Seconds) {
        return PrometheusScrape.parse(String.join("\n",
                "# TYPE game_latency_stage_seconds gauge",
                "game_latency_stage_seconds{percentile=\"50\",stage=\"input_to_socket\"} 0.018",
                "game_latency_stage_seconds{percentile=\"99\",stage=\"input_to_socket\"} " + toSocketP99Seconds,
                "game_latency_stage_seconds{percentile=\"99\",stage=\"input_to_tick\"} 0.033",
                "game_latency_stage_seconds{percentile=\"99\",stage=\"sender_wake\"} 0.0002",
                ""));
    }

    @Test
    void reducesEachStageToTheMedianOfItsPerSecondFigures() {
        StageSamples samples = new StageSamples();
        samples.add(second(0.034));
        samples.add(second(0.041));
        samples.add(second(0.035));
        Histogram readDelay = new Histogram(1, 60_000_000, 3);
        for (int i = 1; i <= 100; i++) {
            readDelay.recordValue(i * 10);
        }

        LatencySplit split = samples.split(readDelay);

        assertThat(split.residenceP99Ms()).isCloseTo(35.0, within(1e-9));
        assertThat(split.residenceP50Ms()).isCloseTo(18.0, within(1e-9));
        assertThat(split.inputToTickP99Ms()).isCloseTo(33.0, within(1e-9));
        assertThat(split.senderWakeP99Ms()).isCloseTo(0.2, within(1e-9));
        assertThat(split.clientReadDelayP99Ms()).isCloseTo(0.99, within(0.001));
    }

    @Test
    void leavesTheStagesUnknownForAServerThatDoesNotPublishThem() {
        StageSamples samples = new StageSamples();
        samples.add(PrometheusScrape.parse("game_ticks_total 10\n"));

        LatencySplit split = samples.split(new Histogram(1, 60_000_000, 3));

        assertThat(split.residenceP99Ms()).isNaN();
        assertThat(split.clientReadDelayP50Ms()).isNaN();
    }
}
