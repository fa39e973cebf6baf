package io.skirmish.logship;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.logship.source.GroupState;

/**
 * The shipper's meters, named once. Counters are incremented by the loop thread; gauges read
 * atomics that the loop thread (in-flight) and the lag probe thread (stream lag) set.
 */
public final class ShipperMetrics {

    final Counter readNew;
    final Counter readPending;
    final Counter readClaimed;
    final Counter indexed;
    final Counter duplicates;
    final Counter retried429;
    final Counter retried5xx;
    final Counter retriedUnreachable;
    final Counter retriedOther;
    final Counter deadRejected;
    final Counter deadInvalid;
    final Counter acked;
    final Counter trimmed;
    final Counter redisErrors;
    final AtomicLong inFlightEntries = new AtomicLong();
    final AtomicLong inFlightBytes = new AtomicLong();
    private final AtomicLong undelivered = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestUnackedAgeMs = new AtomicLong();

    public ShipperMetrics(MeterRegistry registry) {
        readNew = read(registry, "new");
        readPending = read(registry, "pending");
        readClaimed = read(registry, "claimed");
        indexed = Counter.builder("logship.docs.indexed").description("documents created in Elasticsearch")
                .register(registry);
        duplicates = Counter.builder("logship.docs.duplicates")
                .description("documents already in Elasticsearch (409 on create): a re-delivery made harmless")
                .register(registry);
        retried429 = retried(registry, "429");
        retried5xx = retried(registry, "5xx");
        retriedUnreachable = retried(registry, "unreachable");
        retriedOther = retried(registry, "other");
        deadRejected = dead(registry, "rejected");
        deadInvalid = dead(registry, "invalid");
        acked = Counter.builder("logship.events.acked").description("stream entries acknowledged (XACK)")
                .register(registry);
        trimmed = Counter.builder("logship.events.trimmed")
                .description("pending entries that were trimmed from the stream before they were shipped")
                .register(registry);
        redisErrors = Counter.builder("logship.redis.errors").description("Redis commands that failed")
                .register(registry);
        Gauge.builder("logship.inflight.entries", inFlightEntries, AtomicLong::get)
                .description("entries read and not yet acknowledged by this shipper (bounded by max-in-flight)")
                .register(registry);
        Gauge.builder("logship.inflight.bytes", inFlightBytes, AtomicLong::get).baseUnit("bytes")
                .description("document bytes held by this shipper (bounded by max-in-flight-bytes)")
                .register(registry);
        Gauge.builder("logship.stream.lag", this, ShipperMetrics::lag)
                .description("entries of the stream the group has not acknowledged (undelivered + pending)")
                .register(registry);
        Gauge.builder("logship.stream.pending", pending, AtomicLong::get)
                .description("entries delivered to the group and not acknowledged").register(registry);
        Gauge.builder("logship.stream.oldest.unacked.age", oldestUnackedAgeMs, value -> value.get() / 1000.0)
                .baseUnit("seconds").description("age of the oldest entry the group has not acknowledged")
                .register(registry);
    }

    private static Counter read(MeterRegistry registry, String source) {
        return Counter.builder("logship.events.read").tag("source", source)
                .description("stream entries read: new (XREADGROUP >), pending (own, after a restart), claimed "
                        + "(XAUTOCLAIM from a dead consumer)").register(registry);
    }

    private static Counter retried(MeterRegistry registry, String cause) {
        return Counter.builder("logship.docs.retried").tag("cause", cause)
                .description("documents sent again after a retryable failure").register(registry);
    }

    private static Counter dead(MeterRegistry registry, String cause) {
        return Counter.builder("logship.docs.deadlettered").tag("cause", cause)
                .description("documents written to the dead-letter stream: rejected by Elasticsearch or invalid "
                        + "before sending").register(registry);
    }

    void onGroupState(GroupState state) {
        undelivered.set(Math.max(0, state.undelivered()));
        pending.set(state.pending());
        oldestUnackedAgeMs.set(state.oldestUnackedAgeMs());
    }

    private double lag() {
        return undelivered.get() + pending.get();
    }

    /** For tests and logs. */
    public long inFlightEntries() {
        return inFlightEntries.get();
    }

    public long inFlightBytes() {
        return inFlightBytes.get();
    }
}
