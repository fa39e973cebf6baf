package io.skirmish.game.events;

import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.tick.MatchHandle;

/** What the publisher remembers of a running match between its records. Publisher thread only. */
final class MatchProgress {

    private final MatchHandle handle;
    private long nextEventNumber = 1;
    private long startedAtMs;
    private long startTick;

    MatchProgress(MatchHandle handle) {
        this.handle = handle;
    }

    MatchHandle handle() {
        return handle;
    }

    MatchSpec spec() {
        return handle.spec();
    }

    void start(long nowMs, long tick) {
        startedAtMs = nowMs;
        startTick = tick;
    }

    boolean started() {
        return startedAtMs != 0;
    }

    long startedAtMs() {
        return startedAtMs;
    }

    /** {@code <matchId>:<n>}: the same event gets the same id when a batch is sent again. */
    String nextEventId() {
        return spec().matchId() + ":" + nextEventNumber++;
    }

    /** Wall time of a tick once the match has started (ticks are exact, the wall clock is not). */
    long tickTimeMs(long tick, int tickRateHz) {
        return startedAtMs + (tick - startTick) * 1000L / tickRateHz;
    }
}
