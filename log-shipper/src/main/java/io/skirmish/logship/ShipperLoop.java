package io.skirmish.logship;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.logship.sink.DocumentIndex;
import io.skirmish.logship.source.EventStream;
import io.skirmish.logship.source.ReadAhead;
import io.skirmish.logship.source.StreamRecord;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The shipper's duty-cycle agent, on one thread (new entries are read ahead on a second,
 * {@link ReadAhead}), made of four stages:
 *
 * <pre>
 *   read: XREADGROUP (own pending first, then &gt;
 *     read ahead on its own thread)         ─┐
 *   XAUTOCLAIM (dead consumers' entries)   ─┴─▶ index: check ─▶ in flight ─▶ BulkIngester ─▶ _bulk
 *                                                 │ invalid                              │ item answers
 *                                                 ▼                                      ▼
 *          ack or dead-letter: XADD skirmish:events:dead ◀── rejected (400) ◀──── outcome
 *                                 │                      retry (429/5xx/down) ──▶ backoff ──▶ index
 *                                 ▼                      indexed / 409 ───────────────┐
 *                               XACK ◀───────────────────────────────────────────────┘
 * </pre>
 *
 * <p>An entry is acknowledged only once Elasticsearch has its document (created now, or 409
 * because it was already there) or once it is in the dead-letter stream. A crash at any point
 * leaves the entry pending in the group: the same consumer re-reads it at start, another one
 * claims it after {@code claimIdle}. Re-sending is harmless because the document id is the event
 * id and the operation is {@code create}.
 *
 * <p>Memory is bounded by {@code maxInFlight} entries (a read in progress counts with what it
 * asked for) and {@code maxInFlightBytes}: at the bound the loop stops reading and only waits for
 * answers, retries and acknowledges. While Elasticsearch is down every in-flight document keeps
 * being retried with capped backoff, nothing new is read, and the backlog stays in Redis. While
 * Redis fails, its stages pause with their own capped backoff.
 *
 * <p>Both clocks are injected: the nano clock schedules retries, claims and touches; the epoch
 * clock stamps dead letters. {@link #run} is the runner: it idles on what can wake it (an answer
 * from Elasticsearch, the read in progress), which an Agrona idle strategy cannot wait on.
 * Only the loop thread touches the fields; {@link #stop()} may be called from any thread.
 */
public final class ShipperLoop implements Agent, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ShipperLoop.class);
    private static final int IDLE_WAIT_MS = 20;
    /** At stop, how long to wait for a read in progress (it blocks at most READ_BLOCK_MS in Redis). */
    private static final long READ_LAST_WAIT_MS = 2_000;
    private static final long REDIS_MIN_BACKOFF_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long REDIS_MAX_BACKOFF_NS = TimeUnit.SECONDS.toNanos(2);

    private final LogShipperConfig config;
    private final EventStream stream;
    private final ShipperMetrics metrics;
    private final NanoClock nanoClock;
    private final RateLimitedLog rateLimitedLog = RateLimitedLog.perMinute(LOG);
    private final InFlight inFlight;
    private final ReadStage read;
    private final IndexStage index;
    private final OutcomeStage outcomes;
    private final AckStage acks;
    private long redisRetryAtNs;
    private long redisBackoffNs = REDIS_MIN_BACKOFF_NS;
    private volatile boolean running = true;
    private volatile boolean finished;

    public ShipperLoop(LogShipperConfig config, EventStream stream, DocumentIndex indexer, ShipperMetrics metrics,
                       EpochClock epochClock, NanoClock nanoClock) {
        this(config, stream, new ReadAhead(stream), indexer, metrics, epochClock, nanoClock);
    }

    ShipperLoop(LogShipperConfig config, EventStream stream, ReadAhead readAhead, DocumentIndex indexer,
                ShipperMetrics metrics, EpochClock epochClock, NanoClock nanoClock) {
        this.config = config;
        this.stream = stream;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
        long nowNs = nanoClock.nanoTime();
        this.inFlight = new InFlight(config.maxInFlight(), config.maxInFlightBytes());
        this.acks = new AckStage(config, stream, inFlight, metrics, epochClock, nowNs);
        this.read = new ReadStage(config, stream, readAhead, inFlight, metrics, nowNs);
        this.index = new IndexStage(config, indexer, inFlight, acks, metrics);
        this.outcomes = new OutcomeStage(config, indexer.outcomes(), inFlight, index, acks, metrics,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public String roleName() {
        return "logship-loop";
    }

    /** Asks the loop to stop reading, finish what is in flight (up to the drain timeout) and return. */
    public void stop() {
        running = false;
    }

    public boolean finished() {
        return finished;
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (doWork() == 0) {
                    idle();
                }
            }
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            read.close();
            finished = true;
        }
    }

    /** One turn of the loop; returns how much it did (0 = nothing to do). */
    @Override
    public int doWork() {
        long nowNs = nanoClock.nanoTime();
        int work = outcomes.drain(nowNs);
        work += index.resubmitDue(nowNs);
        if (index.flushIfDue(nowNs)) {
            work++;
        }
        if (nowNs >= redisRetryAtNs) {
            try {
                work += acks.write();
                acks.touchIfDue(nowNs);
                if (read.claimDue(nowNs) && capacity() > 0) {
                    work += index.accept(read.claim(nowNs, capacity()), nowNs);
                }
                if (capacity() > 0 || read.readInProgress()) {
                    work += index.accept(read.read(capacity()), nowNs);
                }
                redisBackoffNs = REDIS_MIN_BACKOFF_NS;
            } catch (JedisException e) {
                metrics.redisErrors.increment();
                rateLimitedLog.warn("redis", "redis command failed, retrying in {} ms: {}",
                        TimeUnit.NANOSECONDS.toMillis(redisBackoffNs), e.toString());
                redisRetryAtNs = nanoClock.nanoTime() + redisBackoffNs;
                redisBackoffNs = Math.min(redisBackoffNs * 2, REDIS_MAX_BACKOFF_NS);
            }
        }
        publishGauges();
        return work;
    }

    /** Entries this shipper may still take in; a read in progress has its share already. */
    private int capacity() {
        return inFlight.capacity(read.reserved());
    }

    private void idle() throws InterruptedException {
        if (read.readInProgress()) {
            // The next batch is on its way: wake as soon as it lands; answers wait for the next turn.
            read.awaitRead(IDLE_WAIT_MS);
            return;
        }
        outcomes.awaitAnswer(IDLE_WAIT_MS, nanoClock.nanoTime());
    }

    private void publishGauges() {
        metrics.inFlightEntries.set(inFlight.size());
        metrics.inFlightBytes.set(inFlight.bytes());
    }

    /** After stop(): read nothing more, send what is buffered, acknowledge what comes back in time. */
    void drain() throws InterruptedException {
        long deadlineNs = nanoClock.nanoTime() + config.drainTimeout().toNanos();
        takeLastRead();
        index.flush();
        while (!inFlight.isEmpty() && nanoClock.nanoTime() < deadlineNs) {
            outcomes.drain(nanoClock.nanoTime());
            index.resubmitDue(nanoClock.nanoTime());
            index.flush();
            writeQuietly();
            idle();
        }
        outcomes.drain(nanoClock.nanoTime());
        writeQuietly();
        publishGauges();
        LOG.info("shipper loop stopped consumer={} leftPending={}", stream.consumer(), inFlight.size());
    }

    private void takeLastRead() throws InterruptedException {
        try {
            List<StreamRecord> records = read.lastRead(READ_LAST_WAIT_MS);
            index.accept(records, nanoClock.nanoTime());
        } catch (JedisException e) {
            rateLimitedLog.warn("redis", "last read failed while draining: {}", e.toString());
        }
    }

    private void writeQuietly() {
        try {
            acks.write();
        } catch (JedisException e) {
            rateLimitedLog.warn("redis", "redis command failed while draining: {}", e.toString());
        }
    }
}
