package io.skirmish.game.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PhasedTickScheduleTest {

    private static final long INTERVAL = 1_000;

    /** Runs the schedule like an agent that wakes at every due time, recording which phase ran when. */
    private static List<long[]> runUntil(PhasedTickSchedule schedule, long endNs) {
        List<long[]> runs = new ArrayList<>();
        while (schedule.nextDueNs() < endNs) {
            long now = schedule.nextDueNs();
            int phase = schedule.nextPhase();
            assertThat(schedule.ticksDue(now)).isEqualTo(1);
            runs.add(new long[] {now, phase});
        }
        return runs;
    }

    @Test
    void phasesAreSpreadEvenlyOverThePeriodAndComeDueInTurn() {
        PhasedTickSchedule schedule = new PhasedTickSchedule(INTERVAL, 4, 3, 10_000);

        List<long[]> runs = runUntil(schedule, 12_000);

        assertThat(runs).extracting(run -> run[0])
                .containsExactly(10_000L, 10_250L, 10_500L, 10_750L, 11_000L, 11_250L, 11_500L, 11_750L);
        assertThat(runs).extracting(run -> run[1]).containsExactly(0L, 1L, 2L, 3L, 0L, 1L, 2L, 3L);
    }

    @Test
    void eachPhaseTicksAtTheFullRate() {
        PhasedTickSchedule schedule = new PhasedTickSchedule(INTERVAL, 4, 3, 0);

        runUntil(schedule, 100 * INTERVAL);

        for (int phase = 0; phase < 4; phase++) {
            assertThat(schedule.phase(phase).ticksRun()).isEqualTo(100);
            assertThat(schedule.phase(phase).nextTickNs()).isEqualTo(100 * INTERVAL + phase * INTERVAL / 4);
        }
    }

    @Test
    void aPhaseIsNotRunBeforeItsDueTime() {
        PhasedTickSchedule schedule = new PhasedTickSchedule(INTERVAL, 4, 3, 0);
        schedule.ticksDue(0);

        assertThat(schedule.nextPhase()).isEqualTo(1);
        assertThat(schedule.ticksDue(249)).isZero();
        assertThat(schedule.nextPhase()).isEqualTo(1);
        assertThat(schedule.ticksDue(250)).isEqualTo(1);
        assertThat(schedule.nextPhase()).isEqualTo(2);
    }

    @Test
    void aLateLoopRunsEveryPhaseInOrderEachCatchingUpOnItsOwn() {
        PhasedTickSchedule schedule = new PhasedTickSchedule(INTERVAL, 4, 3, 0);
        runUntil(schedule, INTERVAL);

        // The loop stalls for two periods: each phase owes the ticks its own due times passed.
        long now = 3 * INTERVAL + 100;
        List<Integer> owed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            owed.add(schedule.ticksDue(now));
        }

        assertThat(owed).containsExactly(3, 2, 2, 2);
        assertThat(schedule.ticksDue(now)).isZero();
        assertThat(schedule.phase(0).lastLatenessNs()).isEqualTo(2 * INTERVAL + 100);
        assertThat(schedule.ticksSkipped()).isZero();
    }

    @Test
    void skippedTicksAreSummedOverThePhases() {
        PhasedTickSchedule schedule = new PhasedTickSchedule(INTERVAL, 2, 1, 0);
        runUntil(schedule, INTERVAL);

        long now = 4 * INTERVAL;
        schedule.ticksDue(now);
        schedule.ticksDue(now);

        // Phase 0 owed 4 ticks (1000..4000), phase 1 owed 3 (1500..3500); one each ran.
        assertThat(schedule.ticksSkipped()).isEqualTo(3 + 2);
    }

    @Test
    void onePhaseIsThePlainSchedule() {
        PhasedTickSchedule phased = new PhasedTickSchedule(INTERVAL, 1, 3, 500);
        TickSchedule plain = new TickSchedule(INTERVAL, 3, 500);

        for (long now = 0; now < 10 * INTERVAL; now += 370) {
            assertThat(phased.ticksDue(now)).isEqualTo(plain.ticksDue(now));
            assertThat(phased.nextDueNs()).isEqualTo(plain.nextTickNs());
        }
    }

    @Test
    void rejectsPhaseCountsTheIntervalCannotHold() {
        assertThatThrownBy(() -> new PhasedTickSchedule(INTERVAL, 0, 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhasedTickSchedule(INTERVAL, 1_001, 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PhasedTickSchedule.atRate(30, 16, 3, 0).intervalNs()).isEqualTo(33_333_333);
    }
}
