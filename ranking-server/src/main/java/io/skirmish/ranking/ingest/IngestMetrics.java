package io.skirmish.ranking.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.skirmish.ranking.store.Mode;

/**
 * The consumer's meters, registered once. Names: {@code ranking.results.*} (applied by mode,
 * duplicates, dead-lettered by reason, skipped, deferred, claimed, commit conflicts),
 * {@code ranking.stream.lag} (entries not yet delivered to the group) and
 * {@code ranking.stream.pending} (delivered, not acknowledged), {@code ranking.apply.duration}
 * (one batch, read to acknowledgement). Thread-safe.
 */
public final class IngestMetrics {

    /** A batch of results, read to acknowledged: the rank-update p99 goal is well under a second. */
    private static final java.time.Duration[] APPLY_BUCKETS = {java.time.Duration.ofMillis(1),
        java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(25),
        java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(250),
        java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final Map<Mode, Counter> applied = new EnumMap<>(Mode.class);
    private final Counter duplicates;
    private final Counter skipped;
    private final Counter deferred;
    private final Counter claimed;
    private final Counter conflicts;
    private final Counter eventsWritten;
    private final Map<String, Counter> dead = new ConcurrentHashMap<>();
    private final AtomicLong lag = new AtomicLong(-1);
    private final AtomicLong pending = new AtomicLong(-1);
    private final Timer batch;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Mode mode : Mode.values()) {
            applied.put(mode, Counter.builder("ranking.results.applied").tag("mode", mode.keyName())
                    .description("results whose ratings and boards were written").register(registry));
        }
        duplicates = Counter.builder("ranking.results.duplicates")
                .description("deliveries of results applied before (skipped)").register(registry);
        skipped = Counter.builder("ranking.results.skipped")
                .description("valid results that do not count (aborted matches)").register(registry);
        deferred = Counter.builder("ranking.results.deferred")
                .description("results left pending after repeated commit conflicts").register(registry);
        claimed = Counter.builder("ranking.results.claimed")
                .description("entries taken over from consumers that stopped").register(registry);
        conflicts = Counter.builder("ranking.results.conflicts")
                .description("commits refused because a rating changed since it was read (rated again)")
                .register(registry);
        eventsWritten = Counter.builder("ranking.events.published")
                .description("rating_changed events written to skirmish:events").register(registry);
        Gauge.builder("ranking.stream.lag", lag, AtomicLong::get)
                .description("entries of skirmish:results not yet delivered to the group (-1 unknown)")
                .register(registry);
        Gauge.builder("ranking.stream.pending", pending, AtomicLong::get)
                .description("entries delivered to the group and not yet acknowledged").register(registry);
        batch = Timer.builder("ranking.apply.duration").description("one batch from read to acknowledgement")
                .serviceLevelObjectives(APPLY_BUCKETS).register(registry);
    }

    public void applied(Mode mode) {
        applied.get(mode).increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void skipped() {
        skipped.increment();
    }

    public void deferred() {
        deferred.increment();
    }

    public void claimed(int count) {
        claimed.increment(count);
    }

    public void conflicts(long count) {
        conflicts.increment(count);
    }

    public void eventsWritten(int count) {
        eventsWritten.increment(count);
    }

    public void dead(String category) {
        dead.computeIfAbsent(category, key -> Counter.builder("ranking.results.dead").tag("reason", key)
                .description("malformed results moved to skirmish:results:dead").register(registry)).increment();
    }

    public void stream(long lagEntries, long pendingEntries) {
        lag.set(lagEntries);
        pending.set(pendingEntries);
    }

    public Timer batchTimer() {
        return batch;
    }
}
