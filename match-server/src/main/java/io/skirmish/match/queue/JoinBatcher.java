package io.skirmish.match.queue;

import io.skirmish.match.admission.Staleness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Gathers joins into batches and enqueues each batch together ({@link QueueService#joinAll}: a
 * reservation call per batch and an enqueue call per queue in it, whatever its size, so the Redis
 * commands per join fall as batches grow). A batch is gathered by one thread at a time: it takes
 * what is waiting, then waits for more until the oldest join of the batch has waited
 * {@code linger} or the batch is full; meanwhile the other threads write the batches gathered
 * before. Under heavy load the joins that queued while Redis was busy fill a batch at once; under
 * light load the linger is what makes a batch of more than one join (at 700 joins a second and
 * 20 ms, about 14), bought with at most that much join latency. A linger of zero writes what is
 * waiting at once.
 *
 * <p>The hand-off is bounded: {@link #submit} returns false when {@code capacity} joins are
 * already waiting, and the caller answers {@code SERVER_BUSY}. Callbacks run on a batcher
 * thread (they may write to a channel; they must not block for long).
 *
 * <p>A join that waited longer than {@code maxWait} for its batch, or whose client left
 * meanwhile, is dropped before any Redis command ({@link Callback#onDropped}): under overload
 * Redis writes only tickets somebody still waits for. The oldest waiting join's wait
 * ({@link #oldestWaitNs}) is what login shedding reads.
 *
 * <p>Threads: {@link #submit} from any thread (Netty event loops); {@code threads} batcher
 * threads take batches of up to {@code maxBatch}. Time is the injected monotonic clock's.
 */
public final class JoinBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JoinBatcher.class);

    /** What becomes of one join. */
    public interface Callback {
        /** The join's result: a ticket or a refusal. */
        void onResult(QueueService.JoinResult result);

        /** Redis failed for the whole batch: nothing was written for this join. */
        void onFailure(RuntimeException error);

        /** Whether the join's client still waits for the answer (its connection is open). */
        boolean wanted();

        /** Not written: {@code why}, after waiting {@code waitedNs} for a batch. */
        void onDropped(Staleness why, long waitedNs);
    }

    private record Pending(QueueService.JoinPlan plan, Callback callback, long submittedNs) {
    }

    /**
     * Longest single wait while lingering: the deadline is read from the injected clock between
     * waits, so a clock that jumps (a test's) ends the linger within this much real time.
     */
    private static final long LINGER_SLICE_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Function<List<QueueService.JoinPlan>, List<QueueService.JoinResult>> writer;
    private final int maxBatch;
    private final BlockingQueue<Pending> pending;
    private final long maxWaitNs;
    private final long lingerNs;
    private final LongSupplier nanoClock;
    /** Held by the one thread gathering a batch, so that lingering threads do not split the joins. */
    private final ReentrantLock gathering = new ReentrantLock();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param writer  writes a batch ({@link QueueService#joinAll}), one result per plan, in order
     * @param maxWait a join that waited longer for its batch is dropped
     * @param linger  how long the oldest join of a batch may wait for more joins while it is not full
     */
    public JoinBatcher(Function<List<QueueService.JoinPlan>, List<QueueService.JoinResult>> writer, int threadCount,
                       int maxBatch, int capacity, Duration maxWait, Duration linger, LongSupplier nanoClock) {
        if (linger.isNegative() || linger.compareTo(maxWait) >= 0) {
            throw new IllegalArgumentException("join linger must be 0 or more and under the max wait: " + linger);
        }
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.pending = new ArrayBlockingQueue<>(capacity);
        this.maxWaitNs = maxWait.toNanos();
        this.lingerNs = linger.toNanos();
        this.nanoClock = nanoClock;
        for (int i = 1; i <= threadCount; i++) {
            Thread thread = new Thread(this::run, "match-join-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Queues a prepared join; false when the hand-off is full (answer SERVER_BUSY). */
    public boolean submit(QueueService.JoinPlan plan, Callback callback) {
        return running && pending.offer(new Pending(plan, callback, nanoClock.getAsLong()));
    }

    /** Joins waiting for a batcher thread right now. */
    public int backlog() {
        return pending.size();
    }

    /** How long the oldest join waiting for a batch has waited so far (0 when none waits). */
    public long oldestWaitNs() {
        Pending oldest = pending.peek();
        return oldest == null ? 0 : Math.max(0, nanoClock.getAsLong() - oldest.submittedNs());
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !pending.isEmpty()) {
            try {
                gathering.lockInterruptibly();
                try {
                    gather(batch);
                } finally {
                    gathering.unlock();
                }
                if (!batch.isEmpty()) {
                    process(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Takes the next batch into {@code batch}: empty when no join came for 100 ms. */
    private void gather(List<Pending> batch) throws InterruptedException {
        Pending first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        pending.drainTo(batch, maxBatch - 1);
        long deadlineNs = first.submittedNs() + lingerNs;
        while (batch.size() < maxBatch && running) {
            long leftNs = deadlineNs - nanoClock.getAsLong();
            if (leftNs <= 0) {
                return;
            }
            Pending next = pending.poll(Math.min(leftNs, LINGER_SLICE_NS), TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
                pending.drainTo(batch, maxBatch - batch.size());
            }
        }
    }

    /** Drops the stale joins of a batch, then writes the others. */
    private void process(List<Pending> taken) {
        long now = nanoClock.getAsLong();
        List<Pending> batch = new ArrayList<>(taken.size());
        for (Pending join : taken) {
            long waitedNs = now - join.submittedNs();
            Staleness stale = Staleness.of(join.callback().wanted(), waitedNs, maxWaitNs);
            if (stale == null) {
                batch.add(join);
            } else {
                dropped(join, stale, waitedNs);
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private static void dropped(Pending join, Staleness why, long waitedNs) {
        try {
            join.callback().onDropped(why, waitedNs);
        } catch (RuntimeException e) {
            LOG.warn("join callback failed error={}", e.toString());
        }
    }

    private void write(List<Pending> batch) {
        List<QueueService.JoinResult> results;
        try {
            results = writer.apply(batch.stream().map(Pending::plan).toList());
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
