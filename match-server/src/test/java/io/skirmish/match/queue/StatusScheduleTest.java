package io.skirmish.match.queue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusScheduleTest {

    private final StatusSchedule schedule = new StatusSchedule(2_000);

    /** The waits at which a ticket joined at {@code offsetMs} into a run period is pushed, runs every 2 s. */
    private List<Long> pushedWaits(long offsetMs, long untilMs) {
        List<Long> pushed = new ArrayList<>();
        for (long wait = 2_000 - offsetMs; wait <= untilMs; wait += 2_000) {
            if (schedule.due(wait)) {
                pushed.add(wait);
            }
        }
        return pushed;
    }

    @Test
    void pushesAfterOneTwoFourEightIntervalsOfWaiting() {
        assertThat(pushedWaits(0, 70_000)).containsExactly(2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L);
    }

    @Test
    void aTicketThatJoinedBetweenRunsIsPushedAsOftenAndNeverTwiceForOneStep() {
        assertThat(pushedWaits(700, 70_000)).containsExactly(3_300L, 5_300L, 9_300L, 17_300L, 33_300L, 65_300L);
    }

    @Test
    void nothingBeforeTheFirstIntervalAndLogarithmicallyFewPushesForALongWait() {
        assertThat(schedule.due(0)).isFalse();
        assertThat(schedule.due(1_999)).isFalse();
        assertThat(pushedWaits(0, 600_000)).hasSize(9);
        assertThatThrownBy(() -> new StatusSchedule(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
