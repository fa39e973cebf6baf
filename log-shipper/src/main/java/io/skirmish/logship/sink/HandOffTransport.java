package io.skirmish.logship.sink;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;

/**
 * A transport whose asynchronous answers are completed on a thread of its own, never on the HTTP
 * client's I/O thread.
 *
 * <p>Why: {@code BulkIngester} (8.19) sends a request while holding its lock, and the Apache
 * async client may fail a connection attempt (Elasticsearch down) on its I/O reactor thread while
 * holding the connection pool's lock, running the ingester's completion handler right there; that
 * handler wants the ingester's lock: a deadlock, seen in the outage test. Handing every completion
 * to another thread breaks the cycle. The handler thread only appends to a queue, so one is enough.
 */
final class HandOffTransport implements ElasticsearchTransport {

    private final ElasticsearchTransport delegate;
    private final ExecutorService completions = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "logship-bulk-completions");
        thread.setDaemon(true);
        return thread;
    });

    HandOffTransport(ElasticsearchTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) throws IOException {
        return delegate.performRequest(request, endpoint, options);
    }

    @Override
    public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
        CompletableFuture<ResponseT> handedOff = new CompletableFuture<>();
        CompletableFuture<ResponseT> answer;
        try {
            answer = delegate.performRequestAsync(request, endpoint, options);
        } catch (RuntimeException e) {
            completions.execute(() -> handedOff.completeExceptionally(e));
            return handedOff;
        }
        // whenCompleteAsync runs on the executor for a failure too (thenApplyAsync would not).
        answer.whenCompleteAsync((response, failure) -> {
            if (failure != null) {
                handedOff.completeExceptionally(failure);
            } else {
                handedOff.complete(response);
            }
        }, completions);
        return handedOff;
    }

    @Override
    public JsonpMapper jsonpMapper() {
        return delegate.jsonpMapper();
    }

    @Override
    public TransportOptions options() {
        return delegate.options();
    }

    @Override
    public void close() throws IOException {
        completions.shutdown();
        try {
            completions.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
