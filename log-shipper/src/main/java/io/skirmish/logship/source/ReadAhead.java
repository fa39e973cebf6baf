package io.skirmish.logship.source;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the next batch of new stream entries on a thread of its own while the shipper loop
 * checks and hands on the current one: with the read inside the loop, every {@code XREADGROUP}
 * of a thousand entries (Redis's reply, the socket, the parse) was time in which the loop fed
 * Elasticsearch nothing, and it capped one shipper near 23,000 events/s while Elasticsearch took
 * 41,000 documents/s.
 *
 * <p>At most one read runs at a time; the entries it asked for count against the shipper's
 * in-flight bound from the moment it starts ({@link #reserved()}). Entries a read returns are
 * delivered to this consumer in the group (pending) like any other: if the shipper dies before
 * it takes them, they are re-read or claimed as usual.
 *
 * <p>Threads: every method is called by the shipper loop thread only; the read runs on this
 * object's reader thread.
 */
public final class ReadAhead implements AutoCloseable {

    private final EventStream source;
    private final ExecutorService reader;
    private CompletableFuture<List<StreamRecord>> running;
    private int reserved;

    public ReadAhead(EventStream source) {
        this(source, Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "logship-read-ahead");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** Reads on {@code reader}: its own thread in production; a test may read on the caller's. */
    public ReadAhead(EventStream source, ExecutorService reader) {
        this.source = source;
        this.reader = reader;
    }

    /** Entries the read in progress may still bring (0 when none runs). */
    public int reserved() {
        return reserved;
    }

    /** Whether a read has been started and not yet taken. */
    public boolean inProgress() {
        return running != null;
    }

    /**
     * Starts reading up to {@code count} new entries, waiting up to {@code blockMs} on the reader
     * thread when there are none; does nothing while a read is in progress or when count is 0.
     */
    public void request(int count, int blockMs) {
        if (running != null || count <= 0) {
            return;
        }
        reserved = count;
        running = CompletableFuture.supplyAsync(() -> source.readNew(count, blockMs), reader);
    }

    /**
     * The entries of the finished read, or null while it runs or when none was started. A read
     * that failed rethrows its error here (a Redis error as itself), and the next request starts
     * afresh.
     */
    public List<StreamRecord> poll() {
        if (running == null || !running.isDone()) {
            return null;
        }
        return take();
    }

    /** Waits up to {@code timeoutMs} for the read in progress; true if it has finished (or none runs). */
    public boolean awaitDone(long timeoutMs) throws InterruptedException {
        if (running == null) {
            return true;
        }
        try {
            running.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // A failure is reported by poll(); a timeout just means not yet.
        }
        return running.isDone();
    }

    private List<StreamRecord> take() {
        CompletableFuture<List<StreamRecord>> done = running;
        running = null;
        reserved = 0;
        try {
            return done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
