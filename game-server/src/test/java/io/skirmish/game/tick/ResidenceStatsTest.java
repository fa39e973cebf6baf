package io.skirmish.game.tick;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ResidenceStatsTest {

    private final ResidenceStats stats = new ResidenceStats();

    @Test
    void keepsEachStageApartAndHandsOutEachIntervalOnce() {
        stats.record(ResidenceStats.Stage.INPUT_TO_TICK, 1_000, 21_000);
        stats.record(ResidenceStats.Stage.INPUT_TO_TICK, 1_000, 31_000);
        stats.record(ResidenceStats.Stage.TICK_TO_SOCKET, 5_000, 6_000);

        Histogram toTick = stats.interval(ResidenceStats.Stage.INPUT_TO_TICK, null);
        assertThat(toTick.getTotalCount()).isEqualTo(2);
        assertThat(toTick.getMaxValue()).isEqualTo(toTick.highestEquivalentValue(30_000));
        assertThat(stats.interval(ResidenceStats.Stage.TICK_TO_SOCKET, null).getTotalCount()).isEqualTo(1);
        assertThat(stats.interval(ResidenceStats.Stage.SENDER_WAKE, null).getTotalCount()).isZero();
        assertThat(stats.interval(ResidenceStats.Stage.INPUT_TO_TICK, toTick).getTotalCount())
                .as("the next interval starts empty").isZero();
    }

    @Test
    void clampsABackwardReadingToZeroAndAHugeOneToTheTrackedRange() {
        stats.record(ResidenceStats.Stage.SENDER_WAKE, 10_000, 9_000);
        stats.record(ResidenceStats.Stage.SENDER_WAKE, 0, Long.MAX_VALUE);

        Histogram wake = stats.interval(ResidenceStats.Stage.SENDER_WAKE, null);
        assertThat(wake.getMinValue()).isZero();
        assertThat(wake.getMaxValue()).isEqualTo(wake.highestEquivalentValue(10_000_000_000L));
    }
}
