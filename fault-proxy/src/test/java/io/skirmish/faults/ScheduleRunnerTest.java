package io.skirmish.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

class ScheduleRunnerTest {

    private final CachedNanoClock nanos = new CachedNanoClock();
    private final CachedEpochClock epoch = new CachedEpochClock();
    private final FaultControl redis = new FaultControl();
    private final FaultControl game = new FaultControl();

    @Test
    void runsEachStepOnceWhenItsOffsetHasPassedInTimeOrder() {
        FaultProfile lossy = FaultProfile.NONE.withLatency(50, 20).withLoss(0.05);
        FaultSchedule schedule = new FaultSchedule()
                .partition(Duration.ofSeconds(10), Duration.ofSeconds(5), "redis", redis)
                .apply(Duration.ofSeconds(2), "game", game, lossy);
        nanos.update(1_000);
        epoch.update(1_700_000_000_000L);
        ScheduleRunner runner = new ScheduleRunner(schedule, nanos, epoch);
        runner.start();

        assertThat(runner.doWork()).isZero();
        nanos.advance(Duration.ofSeconds(2).toNanos());
        epoch.advance(2_000);
        assertThat(runner.doWork()).isOne();
        assertThat(game.current()).isEqualTo(lossy);
        assertThat(runner.doWork()).isZero();

        nanos.advance(Duration.ofSeconds(8).toNanos());
        runner.doWork();
        assertThat(redis.current().partitioned()).isTrue();
        nanos.advance(Duration.ofSeconds(5).toNanos());
        epoch.advance(13_000);
        runner.doWork();
        assertThat(redis.current().partitioned()).isFalse();
        assertThat(runner.done()).isTrue();
        assertThat(runner.ran()).extracting(ScheduleRunner.Ran::name)
                .containsExactly("game: 50±20ms loss 5%", "redis: partition", "redis: heal");
        assertThat(runner.ran().get(2).offsetMs()).isEqualTo(15_000);
        assertThat(runner.ran().get(2).epochMs()).isEqualTo(1_700_000_015_000L);
        assertThat(schedule.length()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aFailingStepIsListedAsFailedAndTheNextStepsStillRun() {
        FaultSchedule schedule = new FaultSchedule()
                .at(Duration.ofSeconds(1), "restart", () -> {
                    throw new IllegalStateException("would not start");
                })
                .partition(Duration.ofSeconds(2), Duration.ofSeconds(1), "redis", redis);
        ScheduleRunner runner = new ScheduleRunner(schedule, nanos, epoch);
        runner.start();
        nanos.advance(Duration.ofSeconds(3).toNanos());

        assertThat(runner.doWork()).isEqualTo(3);
        assertThat(runner.ran()).extracting(ScheduleRunner.Ran::name).containsExactly(
                "restart FAILED: java.lang.IllegalStateException: would not start", "redis: partition", "redis: heal");
        assertThat(redis.current().partitioned()).isFalse();
    }

    @Test
    void refusesToRunBeforeItStarted() {
        ScheduleRunner runner = new ScheduleRunner(new FaultSchedule(), nanos, epoch);
        assertThatThrownBy(runner::doWork).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsAStepAtANegativeOffset() {
        assertThatThrownBy(() -> new FaultSchedule().at(Duration.ofSeconds(-1), "x", () -> { }))
                .hasMessageContaining("negative");
    }
}
