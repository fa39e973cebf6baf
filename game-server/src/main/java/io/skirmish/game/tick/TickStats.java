package io.skirmish.game.tick;

import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What one tick agent measures about itself, written by the agent and read by the metrics
 * thread: tick durations in an HdrHistogram recorder (recording allocates nothing), overruns,
 * skipped ticks, and counts of inputs and snapshots. Counters use {@code lazySet}: one writer,
 * readers only need eventual values.
 */
public final class TickStats {

    private static final long MAX_TRACKED_NS = 10_000_000_000L;

    private final SingleWriterRecorder tickDurations = new SingleWriterRecorder(MAX_TRACKED_NS, 3);
    private final SingleWriterRecorder tickLateness = new SingleWriterRecorder(MAX_TRACKED_NS, 3);
    private final AtomicLong eventsDropped = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong skippedTicks = new AtomicLong();
    private final AtomicLong inputs = new AtomicLong();
    private final AtomicLong staleMessages = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();
    private final AtomicLong snapshotsDropped = new AtomicLong();
    private final AtomicLong matches = new AtomicLong();
    private final AtomicLong players = new AtomicLong();

    void recordLateness(long latenessNs) {
        tickLateness.recordValue(Math.min(Math.max(latenessNs, 0), MAX_TRACKED_NS));
    }

    void eventsDropped(long total) {
        eventsDropped.lazySet(total);
    }

    void recordTick(long durationNs) {
        tickDurations.recordValue(Math.min(Math.max(durationNs, 0), MAX_TRACKED_NS));
        ticks.lazySet(ticks.get() + 1);
    }

    void overrun() {
        overruns.lazySet(overruns.get() + 1);
    }

    void skipped(long total) {
        skippedTicks.lazySet(total);
    }

    void inputs(long count) {
        inputs.lazySet(inputs.get() + count);
    }

    void staleMessage() {
        staleMessages.lazySet(staleMessages.get() + 1);
    }

    void snapshots(long sent, long dropped) {
        snapshots.lazySet(snapshots.get() + sent);
        snapshotsDropped.lazySet(snapshotsDropped.get() + dropped);
    }

    void load(int matchCount, int playerCount) {
        matches.lazySet(matchCount);
        players.lazySet(playerCount);
    }

    /** Metrics thread: tick durations since the previous call; pass the previous result to recycle it. */
    public Histogram intervalTickDurations(Histogram recycle) {
        return tickDurations.getIntervalHistogram(recycle);
    }

    /** Metrics thread: how late ticks started since the previous call (jitter). */
    public Histogram intervalTickLateness(Histogram recycle) {
        return tickLateness.getIntervalHistogram(recycle);
    }

    /** Gameplay events lost because the publisher's ring buffer was full (Redis stalled too long). */
    public long eventsDropped() {
        return eventsDropped.get();
    }

    public long ticks() {
        return ticks.get();
    }

    /** Ticks whose work was not finished when the next tick was due. */
    public long overruns() {
        return overruns.get();
    }

    /** Ticks dropped because the agent was more than its catch-up cap behind. */
    public long skippedTicks() {
        return skippedTicks.get();
    }

    public long inputs() {
        return inputs.get();
    }

    /** Messages for a match that had already ended (harmless, counted to spot bugs). */
    public long staleMessages() {
        return staleMessages.get();
    }

    public long snapshots() {
        return snapshots.get();
    }

    /** Snapshots not handed to the network because its ring buffer was full. */
    public long snapshotsDropped() {
        return snapshotsDropped.get();
    }

    public long matches() {
        return matches.get();
    }

    public long players() {
        return players.get();
    }
}
