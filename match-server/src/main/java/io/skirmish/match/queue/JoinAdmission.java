package io.skirmish.match.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits joins against what formation drains: a queue whose backlog would take longer than
 * {@code maxExpectedWait} to form at the measured formation rate refuses new joins at the door,
 * before they cost a Redis command. The expected wait is the queue's size over its formation rate
 * (tickets matched per second in that queue, by every instance, over the last
 * {@link #RATE_WINDOW_NS}), so the queue stops growing once its inflow exceeds what formation
 * drains, and the waits of the tickets already in it stay bounded.
 *
 * <p>A queue is always open below {@link #MIN_BACKLOG} tickets (a queue that has just started, or
 * that forms few matches because few players wait, must not refuse its first players), and while
 * its rate is not yet known. A queue with a backlog and nothing formed over the window refuses:
 * it drains nothing (no server has room, or formation is stuck), so a join would only wait.
 *
 * <p>Threads: {@link #onListed} on the formation thread (each round reports every queue's size
 * and matched counter, read in the round's own script call); {@link #check} from request threads,
 * the event loop included: it reads one published immutable state and never blocks. Time is the
 * injected monotonic clock's, passed in.
 */
public final class JoinAdmission {

    /** The formation rate is measured over this long: several rounds, short enough to follow a load change. */
    static final long RATE_WINDOW_NS = Duration.ofSeconds(3).toNanos();
    /** A shorter span than this gives no rate yet: one round's matches are too few to divide by. */
    static final long MIN_SPAN_NS = Duration.ofSeconds(1).toNanos();
    /** Below this many waiting tickets a queue is always open. */
    static final long MIN_BACKLOG = 100;

    /** Why a join is refused: the queue's size, its formation rate and the wait that gives. */
    public record Refusal(long size, double ticketsPerSec, long expectedWaitMs) {
        public String reason() {
            return ticketsPerSec <= 0 ? size + " tickets waiting and none formed in the last "
                    + RATE_WINDOW_NS / 1_000_000_000 + " s"
                    : size + " tickets waiting, formed at " + Math.round(ticketsPerSec) + "/s: about "
                    + expectedWaitMs + " ms of wait";
        }
    }

    /** What request threads read: the queue's size and rate after the last round (rate < 0: not known yet). */
    private record Load(long size, double ticketsPerSec) {
    }

    private final long maxExpectedWaitMs;
    private final Map<MatchKeys.Queue, Samples> samples = new ConcurrentHashMap<>();
    private final Map<MatchKeys.Queue, Load> loads = new ConcurrentHashMap<>();

    /** @param maxExpectedWait a join is refused when the queue's backlog would take longer than this to form */
    public JoinAdmission(Duration maxExpectedWait) {
        if (maxExpectedWait.isNegative() || maxExpectedWait.isZero()) {
            throw new IllegalArgumentException("max expected wait must be positive, got " + maxExpectedWait);
        }
        this.maxExpectedWaitMs = maxExpectedWait.toMillis();
    }

    /**
     * A round saw the queue: {@code size} tickets searching, {@code matchedTotal} tickets matched
     * in it since its statistics began (a counter every instance's commits add to).
     */
    void onListed(MatchKeys.Queue queue, long size, long matchedTotal, long nowNs) {
        double rate = samples.computeIfAbsent(queue, q -> new Samples()).add(nowNs, matchedTotal);
        loads.put(queue, new Load(size, rate));
    }

    /** Null when a join to {@code queue} is admitted, else why not. */
    public Refusal check(MatchKeys.Queue queue) {
        Load load = loads.get(queue);
        if (load == null || load.size() < MIN_BACKLOG || load.ticketsPerSec() < 0) {
            return null;
        }
        if (load.ticketsPerSec() == 0) {
            return new Refusal(load.size(), 0, Long.MAX_VALUE);
        }
        long expectedWaitMs = (long) (load.size() * 1000 / load.ticketsPerSec());
        return expectedWaitMs <= maxExpectedWaitMs ? null : new Refusal(load.size(), load.ticketsPerSec(), expectedWaitMs);
    }

    /** The wait a join to {@code queue} would expect now, ms (-1: not known yet). */
    public long expectedWaitMs(MatchKeys.Queue queue) {
        Load load = loads.get(queue);
        if (load == null || load.ticketsPerSec() < 0) {
            return -1;
        }
        return load.ticketsPerSec() == 0 ? (load.size() == 0 ? 0 : Long.MAX_VALUE)
                : (long) (load.size() * 1000 / load.ticketsPerSec());
    }

    /** One queue's recent (time, matched counter) samples; formation thread only. */
    private static final class Samples {
        private final ArrayDeque<long[]> window = new ArrayDeque<>();

        /** Adds a sample; returns tickets/s over the window, or -1 while the window is too short. */
        double add(long nowNs, long matchedTotal) {
            long[] newest = window.peekLast();
            if (newest != null && matchedTotal < newest[1]) {
                window.clear(); // the counter went back (statistics reset): measure afresh
            }
            window.addLast(new long[] {nowNs, matchedTotal});
            // Keep one sample at or before the window's start, so the span covers the whole window.
            while (window.size() > 2) {
                var it = window.iterator();
                it.next();
                if (nowNs - it.next()[0] >= RATE_WINDOW_NS) {
                    window.removeFirst();
                } else {
                    break;
                }
            }
            long[] oldest = window.peekFirst();
            long spanNs = nowNs - oldest[0];
            if (spanNs < MIN_SPAN_NS) {
                return -1;
            }
            return (matchedTotal - oldest[1]) * 1e9 / spanNs;
        }
    }
}
