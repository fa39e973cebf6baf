package io.skirmish.ranking.ingest;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.skirmish.kit.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs a {@link ResultConsumer} on its own thread until closed. A Redis failure is logged at a
 * bounded rate and retried with backoff (100 ms doubling to 2 s); the entries in flight stay
 * pending and are read again. {@link #close()} (any thread) stops after the current cycle,
 * which ends within the consumer's block time.
 */
public final class ConsumerRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRunner.class);
    private static final long MIN_BACKOFF_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_BACKOFF_NS = TimeUnit.SECONDS.toNanos(2);

    private final ResultConsumer consumer;
    private final Thread thread;
    private final RateLimitedLog errorLog = RateLimitedLog.perMinute(LOG);
    private volatile boolean running = true;
    private volatile boolean healthy = true;

    public ConsumerRunner(ResultConsumer consumer) {
        this.consumer = consumer;
        this.thread = new Thread(this::run, "ranking-consumer");
        this.thread.setDaemon(true);
    }

    public ConsumerRunner start() {
        thread.start();
        return this;
    }

    /** False after a failed cycle until the next cycle succeeds (for /ready). */
    public boolean healthy() {
        return healthy && thread.isAlive();
    }

    private void run() {
        long backoffNs = MIN_BACKOFF_NS;
        while (running) {
            try {
                consumer.doWork();
                healthy = true;
                backoffNs = MIN_BACKOFF_NS;
            } catch (JedisException e) {
                healthy = false;
                errorLog.warn("redis", "results consumer cannot reach Redis, retrying error={}", e.toString());
                LockSupport.parkNanos(backoffNs);
                backoffNs = Math.min(backoffNs * 2, MAX_BACKOFF_NS);
            } catch (RuntimeException e) {
                healthy = false;
                LOG.error("results consumer cycle failed; entries stay pending and are retried", e);
                LockSupport.parkNanos(backoffNs);
                backoffNs = Math.min(backoffNs * 2, MAX_BACKOFF_NS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(consumer.config().block().toMillis() + 5_000);
    }
}
