package io.skirmish.match.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The match-server's meters ({@code match.*}). Tags are low-cardinality only: {@code queue}
 * ({@code <mode>:<region>}), {@code mode}, {@code outcome}, {@code reason}. Thread-safe.
 */
public final class MatchMetrics {

    /*
     * Explicit buckets instead of percentile histograms (which exported 276 buckets per queue):
     * wait around its 2 s p99 goal and up to the 5-minute ticket timeout, quality where matches go from poor to good, window
     * across the default 3-25 mu range.
     */
    private static final Duration[] WAIT_BUCKETS = {Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5)};
    private static final double[] QUALITY_BUCKETS = {0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 0.95};
    private static final double[] WINDOW_BUCKETS_MU = {3, 4, 6, 8, 12, 16, 25};

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> queueSizes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> expectedWaits = new ConcurrentHashMap<>();
    // Meters are looked up once per tag set: registering (tags sorted, ids hashed) on every
    // ticket showed in the profile at thousands of tickets a second.
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> summaries = new ConcurrentHashMap<>();

    public MatchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Latest ZCARD of a queue's waiting set. */
    public void queueSize(String queue, long size) {
        queueSizes.computeIfAbsent(queue, q -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("match.queue.size", value, AtomicLong::get).tag("queue", q)
                    .description("tickets searching in the queue").register(registry);
            return value;
        }).set(size);
    }

    /** The wait a join to the queue would expect now, from its backlog and formation rate (-1: not known yet). */
    public void expectedWait(String queue, long waitMs) {
        expectedWaits.computeIfAbsent(queue, q -> {
            AtomicLong value = new AtomicLong(-1);
            Gauge.builder("match.queue.expected.wait", value, v -> v.get() < 0 ? Double.NaN : v.get() / 1000.0)
                    .tag("queue", q).baseUnit("seconds")
                    .description("backlog over formation rate: how long a join would wait; joins past the bound are refused")
                    .register(registry);
            return value;
        }).set(Math.min(waitMs, 3_600_000));
    }

    /** How long the oldest request in one of the instance's request queues ({@code workers} or {@code joins}) has waited, read at scrape. */
    public void queueDelay(String queue, java.util.function.LongSupplier oldestWaitNs) {
        Gauge.builder("match.requests.queue.delay", oldestWaitNs, s -> s.getAsLong() / 1e9).tag("queue", queue)
                .baseUnit("seconds").description("how long the oldest request waiting in the queue has waited so far")
                .register(registry);
    }

    /** A ticket left the queue: joined, matched, cancelled or expired (as seen by this instance). */
    public void ticket(String queue, String outcome) {
        ticket(queue, outcome, 1);
    }

    /** {@code count} tickets left the queue with the same outcome. */
    public void ticket(String queue, String outcome, long count) {
        counters.computeIfAbsent("tickets|" + queue + "|" + outcome,
                k -> registry.counter("match.tickets", "queue", queue, "outcome", outcome)).increment(count);
    }

    /** One match formed and allocated. */
    public void matchFormed(String queue, String mode, double quality, double skillWindow) {
        counters.computeIfAbsent("matches|" + queue, k -> registry.counter("match.matches", "queue", queue)).increment();
        summaries.computeIfAbsent("quality|" + mode, k -> DistributionSummary.builder("match.quality").tag("mode", mode)
                .serviceLevelObjectives(QUALITY_BUCKETS)
                .minimumExpectedValue(0.01).maximumExpectedValue(1.0).register(registry))
                .record(quality);
        summaries.computeIfAbsent("window|" + queue, k -> DistributionSummary.builder("match.window").tag("queue", queue)
                .serviceLevelObjectives(WINDOW_BUCKETS_MU).register(registry))
                .record(skillWindow);
    }

    /** How long a matched ticket waited. */
    public void waited(String queue, long waitMs) {
        timers.computeIfAbsent("wait|" + queue, k -> Timer.builder("match.wait").tag("queue", queue)
                .serviceLevelObjectives(WAIT_BUCKETS).register(registry))
                .record(Math.max(0, waitMs), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** A claim failed because another match or a cancel took a ticket first. */
    public void claimLost(String queue) {
        registry.counter("match.claims.lost", "queue", queue).increment();
    }

    /** A formed match found no game server (its tickets went back to the queue). */
    public void allocationFailed(String region, String reason) {
        registry.counter("match.allocations.failed", "region", region, "reason", reason).increment();
    }

    /** Overdue claims settled by recovery, by result (allocated or aborted). */
    public void claimRecovered(String queue, String result) {
        registry.counter("match.claims.recovered", "queue", queue, "result", result).increment();
    }

    public void formationRound(String queue, long nanos) {
        timers.computeIfAbsent("formation|" + queue, k -> Timer.builder("match.formation.duration").tag("queue", queue)
                .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A client request refused with an error code (tag as {@code ErrorCodeTags}). */
    public void rejected(String reason) {
        counters.computeIfAbsent("rejected|" + reason, k -> registry.counter("match.net.rejected", "reason", reason))
                .increment();
    }

    /**
     * A request not worked on, to keep the instance's queues short: {@code request} login, join or
     * other; {@code reason} queue_delay (a new login shed at the door), waited (queued past the
     * bound) or gone (its connection closed while it waited).
     */
    public void shed(String request, String reason) {
        counters.computeIfAbsent("shed|" + request + "|" + reason,
                k -> registry.counter("match.requests.shed", "request", request, "reason", reason)).increment();
    }

    /** A login: {@code mode} device, token or trusted; {@code outcome} ok, created (a new device account) or refused. */
    public void login(String mode, String outcome) {
        counters.computeIfAbsent("login|" + mode + "|" + outcome,
                k -> registry.counter("match.logins", "mode", mode, "outcome", outcome)).increment();
    }

    /** A session ended by a newer login of its player: {@code where} local (same instance) or remote. */
    public void sessionReplaced(String where) {
        counters.computeIfAbsent("replaced|" + where,
                k -> registry.counter("match.sessions.replaced", "where", where)).increment();
    }

    /**
     * A push that reached no connection: {@code outcome} {@code offline} (no instance holds the
     * player), {@code stale} (the instance named by the player's presence no longer holds it) or
     * {@code malformed} (a batch from another instance that does not parse).
     */
    public void pushUndelivered(String outcome) {
        counters.computeIfAbsent("push|" + outcome, k -> registry.counter("match.push.undelivered", "outcome", outcome))
                .increment();
    }

    public Counter eventsDropped() {
        return registry.counter("match.events.dropped");
    }

    public double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
