package io.skirmish.logship.sink;

import io.skirmish.logship.InFlightEvent;

import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The Elasticsearch calls the shipper loop's stages make: {@link EventIndexer} batches them into
 * bulk requests; an in-memory index that answers on demand serves the stages' unit tests.
 * Called by the loop thread only; answers arrive on {@link #outcomes()} from any thread.
 */
public interface DocumentIndex {

    /** Queues {@code event} for the next bulk request (may block: that is backpressure). */
    void submit(InFlightEvent event);

    /** Sends what is buffered if the oldest of it has waited the flush interval; never waits. */
    boolean flushIfDue(long nowNs);

    /** Sends what is buffered. */
    void flush();

    /** One list per bulk request answered, one outcome per document. */
    BlockingQueue<List<ItemOutcome>> outcomes();
}
