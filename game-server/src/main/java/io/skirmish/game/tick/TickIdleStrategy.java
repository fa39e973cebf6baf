package io.skirmish.game.tick;

import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;

/**
 * Sleeps a tick agent until just before its next tick phase is due. Inputs only matter when a tick
 * applies them, so there is nothing to gain from spinning in between; waking early by
 * {@code wakeEarlyNs} absorbs the scheduler's park imprecision so the tick starts on time.
 * Parks in slices of at most {@code maxParkNs} so a stop request or a new match is noticed
 * quickly.
 */
public final class TickIdleStrategy implements IdleStrategy {

    private final PhasedTickSchedule schedule;
    private final NanoClock clock;
    private final long wakeEarlyNs;
    private final long maxParkNs;

    public TickIdleStrategy(PhasedTickSchedule schedule, NanoClock clock, long wakeEarlyNs, long maxParkNs) {
        this.schedule = schedule;
        this.clock = clock;
        this.wakeEarlyNs = wakeEarlyNs;
        this.maxParkNs = maxParkNs;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            return;
        }
        idle();
    }

    @Override
    public void idle() {
        long untilDue = schedule.nextDueNs() - clock.nanoTime() - wakeEarlyNs;
        if (untilDue <= 0) {
            Thread.onSpinWait();
            return;
        }
        LockSupport.parkNanos(Math.min(untilDue, maxParkNs));
    }

    @Override
    public void reset() {
    }

    @Override
    public String alias() {
        return "tick";
    }
}
