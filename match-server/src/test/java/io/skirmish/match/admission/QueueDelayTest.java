package io.skirmish.match.admission;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueDelayTest {

    private static final long MS = 1_000_000;

    private final QueueDelay delay = new QueueDelay(Duration.ofMillis(100), 0);

    @Test
    void aBurstThatDrainsWithinTheIntervalLeavesNoStandingDelay() {
        delay.onTaken(300 * MS, 10 * MS);
        delay.onTaken(120 * MS, 40 * MS);
        delay.onTaken(0, 80 * MS);

        assertThat(delay.standingNs(100 * MS, 0)).isZero();
    }

    @Test
    void aQueueThatNeverEmptiesStandsAtTheShortestWaitOfTheInterval() {
        delay.onTaken(700 * MS, 10 * MS);
        delay.onTaken(600 * MS, 50 * MS);
        delay.onTaken(650 * MS, 90 * MS);

        assertThat(delay.standingNs(100 * MS, 640 * MS)).isEqualTo(600 * MS);
    }

    @Test
    void followsTheLastFullIntervalWhenTheQueueDrains() {
        delay.onTaken(600 * MS, 10 * MS);
        delay.onTaken(590 * MS, 90 * MS);
        delay.onTaken(40 * MS, 120 * MS);
        delay.onTaken(30 * MS, 180 * MS);

        assertThat(delay.standingNs(190 * MS, 30 * MS)).isEqualTo(590 * MS);
        assertThat(delay.standingNs(220 * MS, 30 * MS)).isEqualTo(30 * MS);
    }

    @Test
    void stuckConsumersShowTheAgeOfTheOldestWaitingRequest() {
        delay.onTaken(0, 10 * MS);

        assertThat(delay.standingNs(500 * MS, 400 * MS)).isEqualTo(400 * MS);
        assertThat(delay.standingNs(900 * MS, 800 * MS)).isEqualTo(800 * MS);
    }

    @Test
    void anIdleQueueHasNoDelay() {
        delay.onTaken(250 * MS, 10 * MS);

        assertThat(delay.standingNs(2_000 * MS, 0)).isZero();
    }

    @Test
    void refusesAnIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> new QueueDelay(Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
