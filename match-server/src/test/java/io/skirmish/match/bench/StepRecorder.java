package io.skirmish.match.bench;

import io.skirmish.match.rules.QueueMode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one benchmark step observed. Latencies are measured from each ticket's <em>scheduled</em>
 * arrival (open loop), so time a ticket spent waiting for the generator or for a busy server
 * is counted, never hidden. Only tickets scheduled inside the measure window are sampled;
 * throughput counts the MatchFounds received inside it.
 *
 * <p>Thread-safety: client event loops record latencies and counters (HdrHistogram
 * {@link Recorder}s and adders); the fake game servers' thread records match quality under the
 * object's lock; the bench thread reads after the step.
 */
final class StepRecorder {

    private static final long MAX_LATENCY_US = 600_000_000L;

    final long startNs;
    final long measureStartNs;
    final long measureEndNs;
    final long measureStartMs;
    final long measureEndMs;
    private final Recorder joinUs = new Recorder(MAX_LATENCY_US, 3);
    private final Recorder waitUs = new Recorder(MAX_LATENCY_US, 3);
    private final Map<QueueMode, Recorder> waitUsByMode = new EnumMap<>(QueueMode.class);
    private final Recorder lateUs = new Recorder(MAX_LATENCY_US, 3);
    private final Map<QueueMode, Histogram> quality = new EnumMap<>(QueueMode.class);
    private final Histogram allQuality = new Histogram(1_000, 3);
    final LongAdder scheduled = new LongAdder();
    final LongAdder joined = new LongAdder();
    final LongAdder matchedInWindow = new LongAdder();
    final LongAdder matchedPlayersInWindow = new LongAdder();
    final LongAdder measuredMatched = new LongAdder();
    final LongAdder measuredFailed = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    /** Arrivals start after {@code leadIn}; the measure window follows {@code warmup} later. */
    StepRecorder(Duration leadIn, Duration warmup, Duration measure) {
        long nowNs = System.nanoTime();
        long nowMs = System.currentTimeMillis();
        this.startNs = nowNs + leadIn.toNanos();
        this.measureStartNs = startNs + warmup.toNanos();
        this.measureEndNs = measureStartNs + measure.toNanos();
        this.measureStartMs = nowMs + (measureStartNs - nowNs) / 1_000_000;
        this.measureEndMs = measureStartMs + measure.toMillis();
        for (QueueMode mode : QueueMode.values()) {
            quality.put(mode, new Histogram(1_000, 3));
            waitUsByMode.put(mode, new Recorder(MAX_LATENCY_US, 3));
        }
    }

    boolean measured(long scheduledNs) {
        return scheduledNs >= measureStartNs && scheduledNs < measureEndNs;
    }

    boolean inWindow(long nowNs) {
        return nowNs >= measureStartNs && nowNs < measureEndNs;
    }

    /** The generator handed a ticket to its connection {@code lateNs} after its scheduled time. */
    void dispatched(long scheduledNs, long lateNs) {
        if (measured(scheduledNs)) {
            scheduled.increment();
            lateUs.recordValue(Math.min(MAX_LATENCY_US, Math.max(0, lateNs / 1_000)));
        }
    }

    void joined(long scheduledNs, long nowNs) {
        if (measured(scheduledNs)) {
            joined.increment();
            joinUs.recordValue(clamp(nowNs - scheduledNs));
        }
    }

    void matched(QueueMode mode, long scheduledNs, long nowNs, int players) {
        if (inWindow(nowNs)) {
            matchedInWindow.increment();
            matchedPlayersInWindow.add(players);
        }
        if (measured(scheduledNs)) {
            measuredMatched.increment();
            waitUs.recordValue(clamp(nowNs - scheduledNs));
            waitUsByMode.get(mode).recordValue(clamp(nowNs - scheduledNs));
        }
    }

    /** A measured ticket ended without a match: an error reply, or still open when the step closed. */
    void failed(long scheduledNs, String reason) {
        if (measured(scheduledNs)) {
            errors.computeIfAbsent(reason, r -> new LongAdder()).increment();
            measuredFailed.increment();
        }
    }

    /** A match the fake game servers received (any thread, serialised here). */
    synchronized void allocated(QueueMode mode, double matchQuality, long allocatedAtMs) {
        if (mode != null && allocatedAtMs >= measureStartMs && allocatedAtMs < measureEndMs) {
            long value = Math.max(0, Math.min(1_000, Math.round(matchQuality * 1_000)));
            quality.get(mode).recordValue(value);
            allQuality.recordValue(value);
        }
    }

    Histogram joinLatencyUs() {
        return joinUs.getIntervalHistogram();
    }

    Histogram waitUs() {
        return waitUs.getIntervalHistogram();
    }

    Map<QueueMode, Histogram> waitUsByMode() {
        Map<QueueMode, Histogram> byMode = new EnumMap<>(QueueMode.class);
        waitUsByMode.forEach((mode, recorder) -> byMode.put(mode, recorder.getIntervalHistogram()));
        return byMode;
    }

    Histogram lateUs() {
        return lateUs.getIntervalHistogram();
    }

    synchronized Histogram quality(QueueMode mode) {
        return mode == null ? allQuality.copy() : quality.get(mode).copy();
    }

    Map<String, Long> errorCounts() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    private static long clamp(long ns) {
        return Math.min(MAX_LATENCY_US, Math.max(0, ns / 1_000));
    }
}
