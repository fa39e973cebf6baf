package io.skirmish.game.tick;

/**
 * A fixed-timestep schedule: tick {@code n} is due at {@code start + n * interval}, whatever
 * time the previous ticks took, so the rate never drifts. When the loop falls behind it runs
 * the ticks it owes back to back, at most {@code maxCatchUpTicks} at once; beyond that it
 * skips the backlog (counting it) rather than spiral, because a simulation that is seconds
 * behind helps no player.
 *
 * <p>Pure arithmetic over a clock reading the caller passes in, so tests drive it with any
 * time they like. Single-threaded.
 */
public final class TickSchedule {

    private final long intervalNs;
    private final int maxCatchUpTicks;
    private long nextTickNs;
    private long ticksRun;
    private long ticksSkipped;
    private long catchUps;
    private long lastLatenessNs;

    public TickSchedule(long intervalNs, int maxCatchUpTicks, long startNs) {
        if (intervalNs <= 0) {
            throw new IllegalArgumentException("intervalNs must be > 0, was " + intervalNs);
        }
        if (maxCatchUpTicks < 1) {
            throw new IllegalArgumentException("maxCatchUpTicks must be >= 1, was " + maxCatchUpTicks);
        }
        this.intervalNs = intervalNs;
        this.maxCatchUpTicks = maxCatchUpTicks;
        this.nextTickNs = startNs;
    }

    /** For a tick rate in hertz. */
    public static TickSchedule atRate(int tickRateHz, int maxCatchUpTicks, long startNs) {
        return new TickSchedule(1_000_000_000L / tickRateHz, maxCatchUpTicks, startNs);
    }

    /**
     * How many ticks to run now, and advances the schedule past them. 0 when the next tick is
     * not due yet.
     */
    public int ticksDue(long nowNs) {
        if (nowNs < nextTickNs) {
            return 0;
        }
        long owed = (nowNs - nextTickNs) / intervalNs + 1;
        lastLatenessNs = nowNs - nextTickNs;
        nextTickNs += owed * intervalNs;
        if (owed > 1) {
            catchUps++;
        }
        if (owed > maxCatchUpTicks) {
            ticksSkipped += owed - maxCatchUpTicks;
            owed = maxCatchUpTicks;
        }
        ticksRun += owed;
        return (int) owed;
    }

    /** How late the last run of ticks started after its due time (the loop's jitter). */
    public long lastLatenessNs() {
        return lastLatenessNs;
    }

    /** When the next tick is due, on the caller's clock. */
    public long nextTickNs() {
        return nextTickNs;
    }

    public long intervalNs() {
        return intervalNs;
    }

    public long ticksRun() {
        return ticksRun;
    }

    /** Ticks dropped because the loop was more than the catch-up cap behind. */
    public long ticksSkipped() {
        return ticksSkipped;
    }

    /** Times the loop found itself owing more than one tick. */
    public long catchUps() {
        return catchUps;
    }
}
