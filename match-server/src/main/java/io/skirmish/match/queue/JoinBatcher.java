package io.skirmish.match.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Gathers the joins that arrive while Redis is busy with the previous batch and enqueues them
 * together ({@link QueueService#joinAll}: two pipelined round trips per batch, whatever its
 * size). Under light load a batch is one join and waits for nothing; under heavy load batches
 * grow, so round trips per join fall exactly when they would otherwise queue up.
 *
 * <p>The hand-off is bounded: {@link #submit} returns false when {@code capacity} joins are
 * already waiting, and the caller answers {@code SERVER_BUSY}. Callbacks run on a batcher
 * thread (they may write to a channel; they must not block for long).
 *
 * <p>Threads: {@link #submit} from any thread (Netty event loops); {@code threads} batcher
 * threads take batches of up to {@code maxBatch}.
 */
public final class JoinBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JoinBatcher.class);

    /** What becomes of one join. */
    public interface Callback {
        /** The join's result: a ticket or a refusal. */
        void onResult(QueueService.JoinResult result);

        /** Redis failed for the whole batch: nothing was written for this join. */
        void onFailure(RuntimeException error);
    }

    private record Pending(QueueService.JoinPlan plan, Callback callback) {
    }

    private final QueueService queue;
    private final int maxBatch;
    private final BlockingQueue<Pending> pending;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public JoinBatcher(QueueService queue, int threadCount, int maxBatch, int capacity) {
        this.queue = queue;
        this.maxBatch = maxBatch;
        this.pending = new ArrayBlockingQueue<>(capacity);
        for (int i = 1; i <= threadCount; i++) {
            Thread thread = new Thread(this::run, "match-join-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Queues a prepared join; false when the hand-off is full (answer SERVER_BUSY). */
    public boolean submit(QueueService.JoinPlan plan, Callback callback) {
        return running && pending.offer(new Pending(plan, callback));
    }

    /** Joins waiting for a batcher thread right now. */
    public int backlog() {
        return pending.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !pending.isEmpty()) {
            try {
                Pending first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, maxBatch - 1);
                process(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<Pending> batch) {
        List<QueueService.JoinResult> results;
        try {
            results = queue.joinAll(batch.stream().map(Pending::plan).toList());
        } catch (RuntimeException e) {
            LOG.warn("join batch failed joins={} error={}", batch.size(), e.toString());
            batch.forEach(p -> p.callback().onFailure(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                batch.get(i).callback().onResult(results.get(i));
            } catch (RuntimeException e) {
                LOG.warn("join callback failed error={}", e.toString());
            }
        }
    }

    /** Finishes what is queued (bounded wait), then stops the threads. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
