package io.skirmish.logship.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.skirmish.logship.InFlightEvent;
import org.agrona.concurrent.NanoClock;

/**
 * Sends documents with the client's {@link BulkIngester} (flushed at a count, a size or a time,
 * whichever comes first) and turns every bulk answer into one {@link ItemOutcome} per document,
 * handed over as one list per bulk request (one queue operation per request, not per document).
 *
 * <p>The time flush is driven by the shipper loop ({@link #flushIfDue}), not by the ingester's
 * own timer. Why: the timer thread flushes even when every request slot is busy, and then waits
 * for a slot next to the loop thread (whose add filled the buffer); the ingester wakes one waiter
 * per finished request, so a slot went to a flush of a few hundred documents, or the loop woke to
 * send an empty request, while Elasticsearch had a write thread idle. Here a time flush happens
 * only when a slot is free, and since the loop is then the only thread that sends, the slot is
 * still free when its flush runs: a time flush never waits and never competes.
 *
 * <p>Each operation is {@code create} with the event id as {@code _id}: a document that is
 * already there answers 409, which the shipper counts as success, so a re-sent event can never
 * become a second document. The ingester's own retry is off: it only knows 429 and would keep a
 * failed item out of the listener's sight; the shipper retries 429 and 5xx itself, item by item.
 *
 * <p>Threads: {@link #submit}, {@link #flushIfDue} and {@link #flush} are called by the shipper
 * loop thread only ({@code submit} blocks when the ingester's buffer is full and its requests are
 * all in flight: that is backpressure). The
 * listener runs on the ingester's and the HTTP client's threads and only appends to
 * {@link #outcomes()}, which the loop thread drains; it never blocks.
 */
public final class EventIndexer implements DocumentIndex, AutoCloseable {

    /** Bulk round trips, from a quick local answer to the client's retry territory. */
    private static final Duration[] BULK_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30)};

    private static final String JSON = "application/json";

    private final BulkIngester<InFlightEvent> ingester;
    private final BlockingQueue<List<ItemOutcome>> outcomes = new LinkedBlockingQueue<>();
    private final Map<Long, Long> startedNs = new ConcurrentHashMap<>();
    private final DistributionSummary bulkSize;
    private final Timer bulkLatency;
    private final Timer bulkTook;
    private final Counter bulkFailures;
    private final long flushIntervalNs;
    private final int concurrency;
    /** Read on the loop thread and on the listener's threads (the system clock is thread-safe). */
    private final NanoClock clock;
    /** When the oldest operation still buffered was added; loop thread only. */
    private long bufferedSinceNs;

    public EventIndexer(ElasticsearchAsyncClient client, int bulkActions, long bulkBytes, long flushIntervalMs,
                        int concurrency, MeterRegistry registry, NanoClock clock) {
        this.clock = clock;
        this.flushIntervalNs = TimeUnit.MILLISECONDS.toNanos(flushIntervalMs);
        this.concurrency = concurrency;
        this.bulkSize = DistributionSummary.builder("logship.bulk.size").baseUnit("documents")
                .serviceLevelObjectives(1, 10, 100, 500, 1000, 5000).register(registry);
        this.bulkLatency = Timer.builder("logship.bulk.duration")
                .serviceLevelObjectives(BULK_BUCKETS).register(registry);
        this.bulkTook = Timer.builder("logship.bulk.took")
                .serviceLevelObjectives(BULK_BUCKETS).register(registry);
        this.bulkFailures = Counter.builder("logship.bulk.failures")
                .description("bulk requests that got no answer (Elasticsearch unreachable, timeout)").register(registry);
        this.ingester = BulkIngester.of(builder -> builder
                .client(client)
                .maxOperations(bulkActions)
                .maxSize(bulkBytes)
                .maxConcurrentRequests(concurrency)
                .listener(new Listener()));
    }

    /** Queues {@code event} for the next bulk request; blocks while the ingester is full. */
    @Override
    public void submit(InFlightEvent event) {
        event.onAttempt();
        if (ingester.pendingOperations() == 0) {
            bufferedSinceNs = clock.nanoTime();
        }
        BulkOperation operation = BulkOperation.of(op -> op.create(create -> create
                .index(event.index())
                .id(event.eventId())
                .document(BinaryData.of(event.doc(), JSON))));
        ingester.add(operation, event);
    }

    /** One list per bulk request answered (or failed), one entry in it per document; lists in no particular order. */
    @Override
    public BlockingQueue<List<ItemOutcome>> outcomes() {
        return outcomes;
    }

    /** Operations buffered in the ingester, not yet sent. */
    public int bufferedOperations() {
        return ingester.pendingOperations();
    }

    /** Sends what is buffered, waiting for a free request slot if there is none. */
    @Override
    public void flush() {
        ingester.flush();
    }

    /**
     * The time flush: sends what is buffered if the oldest of it has waited {@code flushInterval}
     * and a request slot is free now; never waits. Loop thread only (see the class comment).
     */
    @Override
    public boolean flushIfDue(long nowNs) {
        // pendingRequests() is read without the ingester's lock: a stale value can only be too
        // high (requests end on other threads; only this thread starts them), never too low.
        if (ingester.pendingOperations() == 0 || nowNs - bufferedSinceNs < flushIntervalNs
                || ingester.pendingRequests() >= concurrency) {
            return false;
        }
        ingester.flush();
        return true;
    }

    /** Sends what is buffered and waits for the requests in flight. */
    @Override
    public void close() {
        ingester.close();
    }

    private final class Listener implements BulkListener<InFlightEvent> {

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<InFlightEvent> contexts) {
            startedNs.put(executionId, clock.nanoTime());
            bulkSize.record(contexts.size());
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<InFlightEvent> contexts,
                              BulkResponse response) {
            recordLatency(executionId);
            bulkTook.record(response.took(), TimeUnit.MILLISECONDS);
            List<BulkResponseItem> items = response.items();
            List<ItemOutcome> answer = new ArrayList<>(contexts.size());
            for (int i = 0; i < contexts.size(); i++) {
                InFlightEvent event = contexts.get(i);
                if (i >= items.size()) {
                    answer.add(new ItemOutcome(event, ItemOutcome.Result.RETRY, 0, "no item in the bulk answer"));
                    continue;
                }
                BulkResponseItem item = items.get(i);
                ErrorCause error = item.error();
                ItemOutcome.Result result = ItemOutcome.classify(item.status(), error == null ? null : error.type());
                answer.add(new ItemOutcome(event, result, item.status(), error == null ? null : describe(error)));
            }
            outcomes.add(answer);
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<InFlightEvent> contexts, Throwable failure) {
            recordLatency(executionId);
            bulkFailures.increment();
            String reason = "bulk request failed: " + failure.getClass().getSimpleName();
            List<ItemOutcome> answer = new ArrayList<>(contexts.size());
            for (InFlightEvent event : contexts) {
                answer.add(new ItemOutcome(event, ItemOutcome.Result.RETRY, 0, reason));
            }
            outcomes.add(answer);
        }

        private void recordLatency(long executionId) {
            Long started = startedNs.remove(executionId);
            if (started != null) {
                bulkLatency.record(clock.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        }
    }

    private static String describe(ErrorCause error) {
        StringBuilder text = new StringBuilder().append(error.type()).append(": ").append(error.reason());
        if (error.causedBy() != null) {
            text.append(" (caused by ").append(error.causedBy().type()).append(": ")
                    .append(error.causedBy().reason()).append(')');
        }
        return text.length() > 1_000 ? text.substring(0, 1_000) : text.toString();
    }
}
