package io.skirmish.logship.sink;

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

/**
 * Sends documents with the client's {@link BulkIngester} (flushed at a count, a size or a time,
 * whichever comes first) and turns every bulk answer into one {@link ItemOutcome} per document,
 * handed over as one list per bulk request (one queue operation per request, not per document).
 *
 * <p>Each operation is {@code create} with the event id as {@code _id}: a document that is
 * already there answers 409, which the shipper counts as success, so a re-sent event can never
 * become a second document. The ingester's own retry is off: it only knows 429 and would keep a
 * failed item out of the listener's sight; the shipper retries 429 and 5xx itself, item by item.
 *
 * <p>Threads: {@link #submit} is called by the shipper loop thread only (it blocks when the
 * ingester's buffer is full and its requests are all in flight: that is backpressure). The
 * listener runs on the ingester's and the HTTP client's threads and only appends to
 * {@link #outcomes()}, which the loop thread drains; it never blocks.
 */
public final class EventIndexer implements AutoCloseable {

    private static final String JSON = "application/json";

    private final BulkIngester<InFlightEvent> ingester;
    private final BlockingQueue<List<ItemOutcome>> outcomes = new LinkedBlockingQueue<>();
    private final Map<Long, Long> startedNs = new ConcurrentHashMap<>();
    private final DistributionSummary bulkSize;
    private final Timer bulkLatency;
    private final Counter bulkFailures;

    public EventIndexer(ElasticsearchAsyncClient client, int bulkActions, long bulkBytes, long flushIntervalMs,
                        int concurrency, MeterRegistry registry) {
        this.bulkSize = DistributionSummary.builder("logship.bulk.size").baseUnit("documents")
                .description("documents per bulk request").publishPercentiles(0.5, 0.99).register(registry);
        this.bulkLatency = Timer.builder("logship.bulk.duration")
                .description("bulk request round trip, sent to answered").publishPercentiles(0.5, 0.99)
                .register(registry);
        this.bulkFailures = Counter.builder("logship.bulk.failures")
                .description("bulk requests that got no answer (Elasticsearch unreachable, timeout)").register(registry);
        this.ingester = BulkIngester.of(builder -> builder
                .client(client)
                .maxOperations(bulkActions)
                .maxSize(bulkBytes)
                .maxConcurrentRequests(concurrency)
                .flushInterval(flushIntervalMs, TimeUnit.MILLISECONDS)
                .listener(new Listener()));
    }

    /** Queues {@code event} for the next bulk request; blocks while the ingester is full. */
    public void submit(InFlightEvent event) {
        event.onAttempt();
        BulkOperation operation = BulkOperation.of(op -> op.create(create -> create
                .index(event.index())
                .id(event.eventId())
                .document(BinaryData.of(event.doc(), JSON))));
        ingester.add(operation, event);
    }

    /** One list per bulk request answered (or failed), one entry in it per document; lists in no particular order. */
    public BlockingQueue<List<ItemOutcome>> outcomes() {
        return outcomes;
    }

    /** Operations buffered in the ingester, not yet sent. */
    public int bufferedOperations() {
        return ingester.pendingOperations();
    }

    public void flush() {
        ingester.flush();
    }

    /** Sends what is buffered and waits for the requests in flight. */
    @Override
    public void close() {
        ingester.close();
    }

    private final class Listener implements BulkListener<InFlightEvent> {

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<InFlightEvent> contexts) {
            startedNs.put(executionId, System.nanoTime());
            bulkSize.record(contexts.size());
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<InFlightEvent> contexts,
                              BulkResponse response) {
            recordLatency(executionId);
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
                bulkLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
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
