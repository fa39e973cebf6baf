package io.skirmish.game.tick;

/**
 * The tick period of one agent cut into {@code phases} evenly spaced phases, each a
 * {@link TickSchedule} of its own: phase {@code k} ticks at {@code start + k * interval / phases
 * + n * interval}. Every match belongs to one phase, so each match still ticks at the full rate,
 * but the matches of one agent no longer all tick at the same instant: the work of a period, and
 * the burst of snapshots it ends with, is spread evenly over the period. An input then waits
 * for its own match's next tick and for the few snapshots of that phase, not for every
 * snapshot the agent sends.
 *
 * <p>Phases come due in order, round robin, so the schedule keeps a cursor on the next one. When
 * the loop falls behind, each phase catches up (or skips) on its own schedule as it is reached.
 * Pure arithmetic over clock readings the caller passes in. Single-threaded.
 */
public final class PhasedTickSchedule {

    private final long intervalNs;
    private final TickSchedule[] phases;
    private int cursor;

    public PhasedTickSchedule(long intervalNs, int phaseCount, int maxCatchUpTicks, long startNs) {
        if (phaseCount < 1 || phaseCount > intervalNs) {
            throw new IllegalArgumentException("phaseCount must be 1.." + intervalNs + ", was " + phaseCount);
        }
        this.intervalNs = intervalNs;
        this.phases = new TickSchedule[phaseCount];
        for (int k = 0; k < phaseCount; k++) {
            phases[k] = new TickSchedule(intervalNs, maxCatchUpTicks, startNs + intervalNs * k / phaseCount);
        }
    }

    /** For a tick rate in hertz. */
    public static PhasedTickSchedule atRate(int tickRateHz, int phaseCount, int maxCatchUpTicks, long startNs) {
        return new PhasedTickSchedule(1_000_000_000L / tickRateHz, phaseCount, maxCatchUpTicks, startNs);
    }

    /** The phase that comes due next. */
    public int nextPhase() {
        return cursor;
    }

    /** When the next phase is due, on the caller's clock: what a sleeping agent waits for. */
    public long nextDueNs() {
        return phases[cursor].nextTickNs();
    }

    /**
     * How many ticks {@link #nextPhase()} runs now (0 if it is not due yet); when it is due,
     * advances that phase's schedule past them and moves the cursor to the following phase.
     */
    public int ticksDue(long nowNs) {
        int due = phases[cursor].ticksDue(nowNs);
        if (due > 0) {
            cursor = (cursor + 1) % phases.length;
        }
        return due;
    }

    /** The schedule of one phase (its lateness, catch-ups, skipped ticks, next due time). */
    public TickSchedule phase(int phase) {
        return phases[phase];
    }

    public int phaseCount() {
        return phases.length;
    }

    public long intervalNs() {
        return intervalNs;
    }

    /** Ticks dropped by every phase because the loop was more than the catch-up cap behind. */
    public long ticksSkipped() {
        long skipped = 0;
        for (TickSchedule phase : phases) {
            skipped += phase.ticksSkipped();
        }
        return skipped;
    }
}
