package io.skirmish.match.admission;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The bounded pool that runs client requests touching Redis (login, party, leave, status), timing
 * how long each waited for a thread. A request that waited longer than {@code maxWait}, or whose
 * client left meanwhile, is dropped when a thread takes it, before any Redis work ({@link Job#drop}):
 * under overload the work done is work somebody still waits for, and the oldest requests, whose
 * clients are the likeliest to have given up, go first. How long the oldest waiting request has
 * waited so far ({@link #oldestWaitNs}), or the backlog's drain time when shorter ({@link #standingNs}),
 * is what login shedding reads.
 *
 * <p>Threads: {@link #submit} and {@link #execute} from any thread (event loops); jobs run on
 * the pool's threads. Time is the injected monotonic clock's.
 */
public final class RequestWorkers {

    /** A client request on the pool. */
    public interface Job {
        /** Whether its client still waits for the answer (its connection is open). */
        boolean wanted();

        /** Does the request: it is wanted and waited no longer than the bound. */
        void run();

        /** Not done: {@code why}, after waiting {@code waitedNs}. */
        void drop(Staleness why, long waitedNs);
    }

    /** Window of the service-rate estimate: short against a queue wait, long against one request. */
    private static final long RATE_WINDOW_NS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ArrayBlockingQueue<Runnable> queue;
    private final ThreadPoolExecutor pool;
    private final long maxWaitNs;
    private final LongSupplier nanoClock;
    /** Requests the threads took (run, dropped or cleaned up): what {@link #rate} measures. */
    private final LongAdder taken = new LongAdder();
    private final ServiceRate rate;

    /**
     * @param capacity requests that may wait for a thread; {@link #submit} refuses beyond
     * @param maxWait  a request that waited longer for a thread is dropped
     */
    public RequestWorkers(int threads, int capacity, Duration maxWait, LongSupplier nanoClock, ThreadFactory factory) {
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("max queue wait must be positive: " + maxWait);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue, factory);
        this.maxWaitNs = maxWait.toNanos();
        this.nanoClock = nanoClock;
        this.rate = new ServiceRate(RATE_WINDOW_NS, nanoClock);
    }

    /** Queues a client request; false when the queue is full (answer SERVER_BUSY). */
    public boolean submit(Job job) {
        try {
            pool.execute(new Timed(nanoClock.getAsLong(), job, null));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Queues clean-up that must run however late (a closed connection's tickets and players).
     *
     * @throws RejectedExecutionException when the queue is full or the pool stopped
     */
    public void execute(Runnable task) {
        pool.execute(new Timed(nanoClock.getAsLong(), null, task));
    }

    /**
     * How long the oldest request waiting for a thread has waited so far (0 when none waits): the
     * wait the queue imposes now, with no averaging lag.
     */
    public long oldestWaitNs() {
        return queue.peek() instanceof Timed oldest ? Math.max(0, nanoClock.getAsLong() - oldest.enqueuedNs) : 0;
    }

    /**
     * How long the queue stands, as login shedding reads it: the shorter of the oldest request's
     * wait and the time the current backlog takes to drain at the measured rate. The oldest wait
     * alone lags: it shows that refusing began only once the queue has drained to the
     * requests admitted after it, so shedding ran on, emptied the queue and left the threads idle,
     * then admitted everything until the next standing queue (seen at twice the knee's load in
     * {@code bench/match-server.sh}: refusals swung between none and all every few seconds). The
     * drain time falls as soon as the backlog does. The oldest wait stays a bound, against a
     * burst after a quiet spell, where the rate measured is the quiet spell's and would overstate
     * the wait.
     */
    public long standingNs() {
        long oldestNs = oldestWaitNs();
        long drainNs = rate.drainNs(queue.size(), taken.sum());
        return drainNs < 0 ? oldestNs : Math.min(oldestNs, drainNs);
    }

    public void shutdown() {
        pool.shutdown();
    }

    public void shutdownNow() {
        pool.shutdownNow();
    }

    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }

    /** A job or a clean-up task, stamped with the time it was queued. */
    private final class Timed implements Runnable {
        private final long enqueuedNs;
        private final Job job;
        private final Runnable task;

        Timed(long enqueuedNs, Job job, Runnable task) {
            this.enqueuedNs = enqueuedNs;
            this.job = job;
            this.task = task;
        }

        @Override
        public void run() {
            taken.increment();
            long waitedNs = nanoClock.getAsLong() - enqueuedNs;
            if (job == null) {
                task.run();
                return;
            }
            Staleness stale = Staleness.of(job.wanted(), waitedNs, maxWaitNs);
            if (stale == null) {
                job.run();
            } else {
                job.drop(stale, waitedNs);
            }
        }
    }
}
