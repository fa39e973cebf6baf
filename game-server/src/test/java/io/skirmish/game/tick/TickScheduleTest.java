package io.skirmish.game.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TickScheduleTest {

    private static final long INTERVAL = 1_000;

    @Test
    void runsOneTickWhenDueAndNoneBefore() {
        TickSchedule schedule = new TickSchedule(INTERVAL, 3, 10_000);

        assertThat(schedule.ticksDue(9_999)).isZero();
        assertThat(schedule.ticksDue(10_000)).isEqualTo(1);
        assertThat(schedule.ticksDue(10_500)).isZero();
        assertThat(schedule.nextTickNs()).isEqualTo(11_000);
    }

    @Test
    void lateWakeUpsDoNotDriftTheRate() {
        TickSchedule schedule = new TickSchedule(INTERVAL, 3, 0);

        for (int tick = 0; tick < 100; tick++) {
            // Always wake 300 ns late: the schedule keeps its phase anyway.
            assertThat(schedule.ticksDue(tick * INTERVAL + 300)).isEqualTo(1);
        }

        assertThat(schedule.nextTickNs()).isEqualTo(100 * INTERVAL);
        assertThat(schedule.ticksRun()).isEqualTo(100);
        assertThat(schedule.catchUps()).isZero();
    }

    @Test
    void catchesUpOwedTicksBackToBack() {
        TickSchedule schedule = new TickSchedule(INTERVAL, 3, 0);
        schedule.ticksDue(0);

        assertThat(schedule.ticksDue(2 * INTERVAL + 10)).isEqualTo(2);
        assertThat(schedule.catchUps()).isEqualTo(1);
        assertThat(schedule.ticksSkipped()).isZero();
    }

    @Test
    void skipsTheBacklogBeyondTheCatchUpCap() {
        TickSchedule schedule = new TickSchedule(INTERVAL, 3, 0);
        schedule.ticksDue(0);

        assertThat(schedule.ticksDue(10 * INTERVAL)).isEqualTo(3);

        assertThat(schedule.ticksSkipped()).isEqualTo(7);
        assertThat(schedule.nextTickNs()).isEqualTo(11 * INTERVAL);
    }

    @Test
    void rateIsDerivedFromHertz() {
        assertThat(TickSchedule.atRate(30, 3, 0).intervalNs()).isEqualTo(33_333_333);
        assertThat(TickSchedule.atRate(128, 3, 0).intervalNs()).isEqualTo(7_812_500);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new TickSchedule(0, 3, 0)).hasMessageContaining("intervalNs");
        assertThatThrownBy(() -> new TickSchedule(1, 0, 0)).hasMessageContaining("maxCatchUpTicks");
    }
}
