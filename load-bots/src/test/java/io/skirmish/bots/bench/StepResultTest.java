package io.skirmish.bots.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class StepResultTest {

    private static StepResult step(double tickP99Ms, long overruns, double latencyP99Ms, double snapshotsPerS) {
        return new StepResult(1000, 1000, 1000, 20, 1, tickP99Ms, tickP99Ms, tickP99Ms, 0.1, overruns, 0, 0.5, 0.5,
                1.0, 0.2, 0.2, 30_000, 30_000, 2_000, 3_000, 1, 0, 30_000, snapshotsPerS, 20, latencyP99Ms, 40, 1000,
                0, 0, 0, LatencySplit.UNKNOWN);
    }

    @Test
    void costsServerAndClientCpuPerPlayerAndTick() {
        // 0.5 + 0.5 cores for 1000 players at 30 Hz: 1 s of CPU per 30,000 player-ticks.
        assertThat(step(8.0, 0, 38.0, 30_000).cpuMicrosPerPlayerTick(30)).isCloseTo(33.3, offset(0.1));
    }

    @Test
    void meetsGoalsWithinEveryLimit() {
        assertThat(step(8.0, 0, 38.0, 30_000).meetsGoals(30)).isTrue();
    }

    @Test
    void namesEachMissedGoal() {
        StepResult step = step(8.4, 2, 39.0, 20_000);
        assertThat(step.meetsGoals(30)).isFalse();
        assertThat(step.failures(30)).contains("tick p99 8.4 ms").contains("2 overruns").contains("latency p99 39.0 ms")
                .contains("snapshots 20000/s");
    }

    @Test
    void reportsTheKneeBetweenTheLastMetAndTheFirstMissedStep() {
        BenchReport report = new BenchReport(new BenchReport.Run("now", "host", 2, "jvm", "cmd", 30, 2, 16, 5, 20, "gs"),
                java.util.List.of(step(2, 0, 30, 30_000), step(9, 0, 30, 30_000)));
        assertThat(report.knee()).startsWith("goals met up to 1000 players; first miss at 1000 players: tick p99");
    }
}
