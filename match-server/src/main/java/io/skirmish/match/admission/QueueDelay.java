package io.skirmish.match.admission;

import java.time.Duration;

/**
 * The standing delay of one request queue: the shortest time any request waited in it before a
 * thread took it, over the last {@code interval} (CoDel's measure). A burst that the threads
 * drain within the interval leaves a request that waited almost nothing, so it does not count; a
 * queue that never empties, however long, does. When nothing left the queue for a whole interval
 * while requests wait (every thread stuck on Redis, say), the delay is the age of the oldest
 * waiting request, which keeps growing until a thread is free again.
 *
 * <p>Threads: {@link #onTaken} from the queue's consumer threads, {@link #standingNs} from
 * event loops and the metrics scrape; both synchronized (a few thousand calls a second, each a
 * few comparisons). Time is passed in (monotonic nanoseconds), never read here.
 */
public final class QueueDelay {

    /** CoDel's interval: longer than a batch's round trip, short enough to follow a load change. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    private final long intervalNs;
    private long windowStartNs;
    private long windowMinNs = Long.MAX_VALUE;
    private long lastTakenNs;
    private long standingNs;

    public QueueDelay(Duration interval, long nowNs) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.intervalNs = interval.toNanos();
        this.windowStartNs = nowNs;
        this.lastTakenNs = nowNs;
    }

    /** A consumer took a request (or a batch: pass its youngest's wait) that had waited {@code waitedNs}. */
    public synchronized void onTaken(long waitedNs, long nowNs) {
        roll(nowNs);
        windowMinNs = Math.min(windowMinNs, Math.max(0, waitedNs));
        lastTakenNs = nowNs;
    }

    /**
     * The standing delay now.
     *
     * @param oldestWaitingNs how long the request at the head of the queue has waited so far (0 when empty)
     */
    public synchronized long standingNs(long nowNs, long oldestWaitingNs) {
        roll(nowNs);
        if (nowNs - lastTakenNs >= intervalNs) {
            return Math.max(0, oldestWaitingNs); // nothing taken for an interval: idle (0) or stuck
        }
        return standingNs;
    }

    private void roll(long nowNs) {
        if (nowNs - windowStartNs < intervalNs) {
            return;
        }
        standingNs = windowMinNs == Long.MAX_VALUE ? 0 : windowMinNs;
        windowStartNs = nowNs;
        windowMinNs = Long.MAX_VALUE;
    }
}
