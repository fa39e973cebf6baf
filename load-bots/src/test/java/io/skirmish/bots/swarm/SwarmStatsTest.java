package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SwarmStatsTest {

    @Test
    void timeToMatchGoesToTheTotalAndToTheTicketsGroups() {
        SwarmStats stats = new SwarmStats();
        stats.recordTimeToMatch("duel", 1, TimeUnit.MILLISECONDS.toNanos(120));
        stats.recordTimeToMatch("squad", 3, TimeUnit.MILLISECONDS.toNanos(2_500));
        stats.recordTimeToMatch("squad", 1, TimeUnit.MILLISECONDS.toNanos(700));

        SwarmStats.Interval interval = stats.interval();

        assertThat(interval.timeToMatchMs().getTotalCount()).isEqualTo(3);
        assertThat(interval.timeToMatchMsByGroup().get("duel").getTotalCount()).isEqualTo(1);
        assertThat(interval.timeToMatchMsByGroup().get("squad").getTotalCount()).isEqualTo(2);
        assertThat(interval.timeToMatchMsByGroup().get("ffa").getTotalCount()).isZero();
        assertThat(interval.timeToMatchMsByGroup().get("solo").getTotalCount()).isEqualTo(2);
        assertThat(interval.timeToMatchMsByGroup().get("party").getMaxValue()).isCloseTo(2_500L, withinPercentage(1));
    }

    @Test
    void eachIntervalHoldsOnlyTheWaitsSinceThePreviousOne() {
        SwarmStats stats = new SwarmStats();
        stats.recordTimeToMatch("ffa", 1, TimeUnit.MILLISECONDS.toNanos(300));
        stats.interval();

        SwarmStats.Interval next = stats.interval();

        assertThat(next.timeToMatchMsByGroup().get("ffa").getTotalCount()).isZero();
        assertThat(next.timeToMatchMs().getTotalCount()).isZero();
    }
}
