package io.skirmish.kit.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.kit.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * Keeps a Redis stream from growing without end: removes the entries that every consumer group
 * has acknowledged and that are older than a retention time. Producers cannot do this (they do
 * not know who reads), and a length cap ({@code XADD MAXLEN}) would drop entries a slow or
 * stopped consumer has not read yet, losing results or events in an outage.
 *
 * <p>The rule ({@link #keepFrom}): the trim point is the oldest of
 * <ul>
 *   <li>now minus the retention (history kept for operators and for a group created later),</li>
 *   <li>per consumer group, its oldest pending entry (delivered, not acknowledged), or, with
 *       nothing pending, its last delivered entry (everything before it is acknowledged).</li>
 * </ul>
 * Entries before the trim point go ({@code XTRIM MINID ~}: whole internal nodes only, so
 * possibly fewer, never an entry at or after the point). A stream without groups keeps the
 * retention only. Every service that consumes a stream may run a trimmer on it: the rule looks
 * at all groups, so trimmers on the same stream agree.
 *
 * <p>Metrics: {@code skirmish.stream.trimmed} (entries removed), {@code skirmish.stream.length}
 * and {@code skirmish.stream.trim.errors}, tagged with the stream. Thread-safe for one caller of
 * {@link #trimOnce} at a time (a scheduler).
 */
public final class StreamTrimmer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamTrimmer.class);

    /** One group's position: its oldest pending entry is {@code null} when nothing is pending. */
    public record GroupPosition(String group, StreamEntryID lastDelivered, StreamEntryID oldestPending) {
        public GroupPosition {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(lastDelivered, "lastDelivered");
        }

        /** The first entry this group may still need. */
        StreamEntryID needsFrom() {
            return oldestPending != null ? oldestPending : lastDelivered;
        }
    }

    private final UnifiedJedis redis;
    private final String stream;
    private final Duration retention;
    private final LongSupplier clockMs;
    private final Counter trimmed;
    private final Counter errors;
    private final AtomicLong length = new AtomicLong();
    private final RateLimitedLog errorLog = RateLimitedLog.perMinute(LOG);

    /**
     * @param retention entries younger than this are always kept; {@link Duration#ZERO} trims as
     *                  soon as every group has acknowledged
     * @param clockMs   wall clock in epoch milliseconds (stream ids carry the same clock)
     */
    public StreamTrimmer(UnifiedJedis redis, String stream, Duration retention, LongSupplier clockMs,
                         MeterRegistry registry) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.stream = Objects.requireNonNull(stream, "stream");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative: " + retention);
        }
        this.retention = retention;
        this.clockMs = clockMs;
        this.trimmed = Counter.builder("skirmish.stream.trimmed").tag("stream", stream)
                .description("Stream entries removed after every consumer group acknowledged them").register(registry);
        this.errors = Counter.builder("skirmish.stream.trim.errors").tag("stream", stream)
                .description("Trim rounds that failed (Redis unreachable, ...)").register(registry);
        Gauge.builder("skirmish.stream.length", length, AtomicLong::get).tag("stream", stream)
                .description("Entries in the stream after the last trim round").register(registry);
    }

    /**
     * The first entry to keep: the oldest of now minus {@code retention} and every group's
     * {@link GroupPosition#needsFrom()}.
     */
    public static StreamEntryID keepFrom(List<GroupPosition> groups, long nowMs, Duration retention) {
        StreamEntryID keep = new StreamEntryID(Math.max(0, nowMs - retention.toMillis()), 0);
        for (GroupPosition group : groups) {
            if (group.needsFrom().compareTo(keep) < 0) {
                keep = group.needsFrom();
            }
        }
        return keep;
    }

    /** One round: reads the groups' positions, trims, updates the length. Returns the entries removed. */
    public long trimOnce() {
        if (!redis.exists(stream)) {
            length.set(0);
            return 0;
        }
        List<GroupPosition> groups = new ArrayList<>();
        for (StreamGroupInfo info : redis.xinfoGroups(stream)) {
            StreamEntryID oldestPending = info.getPending() > 0 ? redis.xpending(stream, info.getName()).getMinId() : null;
            groups.add(new GroupPosition(info.getName(), info.getLastDeliveredId(), oldestPending));
        }
        StreamEntryID keep = keepFrom(groups, clockMs.getAsLong(), retention);
        long removed = redis.xtrim(stream, XTrimParams.xTrimParams().minId(keep.toString()).approximateTrimming());
        trimmed.increment(removed);
        length.set(redis.xlen(stream));
        return removed;
    }

    /** For a scheduler: one round; a failure is counted and logged (bounded), the next round retries. */
    @Override
    public void run() {
        try {
            trimOnce();
        } catch (RuntimeException e) {
            errors.increment();
            errorLog.warn("trim-failed", "stream trim failed stream={} error={}", stream, e.toString());
        }
    }
}
