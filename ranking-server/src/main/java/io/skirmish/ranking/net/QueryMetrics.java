package io.skirmish.ranking.net;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.ranking.v1.ClientMessage;

/**
 * Meters of the query side: {@code ranking.query.duration{query}} (a histogram, from the
 * request leaving the decoder to the reply being written; Prometheus gets buckets for p50/p99),
 * {@code ranking.query.errors{code}} (refused queries, connection kept) and
 * {@code ranking.net.rejected{code}} (protocol errors, connection closed). Thread-safe.
 */
public final class QueryMetrics {

    /** Around the 2 ms p99 goal of a query (docs/performance.md), up to a second. */
    private static final java.time.Duration[] QUERY_BUCKETS = {java.time.Duration.ofNanos(250_000),
        java.time.Duration.ofNanos(500_000), java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2),
        java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(50),
        java.time.Duration.ofMillis(250), java.time.Duration.ofSeconds(1)};

    private final MeterRegistry registry;
    private final Map<ClientMessage.BodyCase, Timer> durations = new EnumMap<>(ClientMessage.BodyCase.class);
    private final Map<ErrorCode, Counter> errors = new ConcurrentHashMap<>();
    private final Map<ErrorCode, Counter> rejected = new ConcurrentHashMap<>();
    private final Counter connections;

    public QueryMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ClientMessage.BodyCase body : ClientMessage.BodyCase.values()) {
            if (body != ClientMessage.BodyCase.BODY_NOT_SET) {
                durations.put(body, Timer.builder("ranking.query.duration")
                        .tag("query", body.name().toLowerCase(java.util.Locale.ROOT))
                        .description("leaderboard query latency, decoded request to reply written")
                        .serviceLevelObjectives(QUERY_BUCKETS)
                        .register(registry));
            }
        }
        connections = Counter.builder("ranking.net.connections").description("client connections accepted")
                .register(registry);
    }

    public Timer duration(ClientMessage.BodyCase body) {
        return durations.get(body);
    }

    public void refused(ErrorCode code) {
        errors.computeIfAbsent(code, key -> Counter.builder("ranking.query.errors").tag("code", key.name())
                .description("queries answered with an Error (connection kept)").register(registry)).increment();
    }

    public void rejected(ErrorCode code) {
        rejected.computeIfAbsent(code, key -> Counter.builder("ranking.net.rejected").tag("code", key.name())
                .description("connections closed for a protocol error").register(registry)).increment();
    }

    public void connected() {
        connections.increment();
    }
}
