package io.skirmish.logship;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.logship.sink.EventDocuments;
import io.skirmish.logship.sink.EventIndexer;
import io.skirmish.logship.sink.ItemOutcome;
import io.skirmish.logship.source.EventSource;
import io.skirmish.logship.source.ReadAhead;
import io.skirmish.logship.source.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The shipper's one loop, on one thread (new entries are read ahead on a second, {@link ReadAhead}):
 * read entries, hand them to the indexer, and act on what
 * Elasticsearch answered, item by item.
 *
 * <pre>
 *   XREADGROUP (own pending first, then &gt;
 *     read ahead on its own thread)         ─┐
 *   XAUTOCLAIM (dead consumers' entries)   ─┴─▶ check ─▶ in flight ─▶ BulkIngester ─▶ _bulk
 *                                                 │ invalid                              │ item answers
 *                                                 ▼                                      ▼
 *                        XADD skirmish:events:dead ◀── rejected (400) ◀──────── outcome queue
 *                                 │                      retry (429/5xx/down) ──▶ backoff ──▶ BulkIngester
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
 * asked for) and {@code maxInFlightBytes}: at the bound
 * the loop stops reading and only waits for answers, retries and acknowledges. While
 * Elasticsearch is down every in-flight document keeps being retried with capped backoff, nothing
 * new is read, and the backlog stays in Redis.
 *
 * <p>Only the loop thread touches the fields; {@link #stop()} may be called from any thread.
 */
public final class ShipperLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ShipperLoop.class);
    private static final int READ_BLOCK_MS = 50;
    private static final int IDLE_WAIT_MS = 20;
    /** At stop, how long to wait for a read in progress (it blocks at most READ_BLOCK_MS in Redis). */
    private static final long READ_LAST_WAIT_MS = 2_000;
    private static final int OUTCOMES_PER_TURN = 50_000;
    private static final long REDIS_MIN_BACKOFF_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long REDIS_MAX_BACKOFF_NS = TimeUnit.SECONDS.toNanos(2);

    private enum Phase { OWN_PENDING, NEW }

    private record DeadLetter(StreamRecord record, int status, String reason) {
    }

    private final LogShipperConfig config;
    private final EventSource source;
    private final EventIndexer indexer;
    private final ShipperMetrics metrics;
    private final ReadAhead readAhead;
    private final RateLimitedLog rateLimitedLog = RateLimitedLog.perMinute(LOG);

    private final Map<String, InFlightEvent> inFlight = new LinkedHashMap<>();
    private final PriorityQueue<InFlightEvent> retries =
            new PriorityQueue<>((a, b) -> Long.compare(a.retryAtNs(), b.retryAtNs()));
    private final List<String> toAck = new ArrayList<>();
    private final List<DeadLetter> toDeadLetter = new ArrayList<>();
    private final long claimIdleMs;
    private final long claimPeriodNs;
    private final long touchAgeNs;
    private long inFlightBytes;
    private Phase phase = Phase.OWN_PENDING;
    private String ownPendingCursor = "0-0";
    private String claimCursor = "0-0";
    private long nextClaimNs;
    private long nextTouchNs;
    private long redisRetryAtNs;
    private long redisBackoffNs = REDIS_MIN_BACKOFF_NS;
    private volatile boolean running = true;
    private volatile boolean finished;

    public ShipperLoop(LogShipperConfig config, EventSource source, EventIndexer indexer, ShipperMetrics metrics) {
        this.config = config;
        this.source = source;
        this.indexer = indexer;
        this.metrics = metrics;
        this.readAhead = new ReadAhead(source);
        this.claimIdleMs = config.claimIdle().toMillis();
        this.claimPeriodNs = Math.max(TimeUnit.MILLISECONDS.toNanos(200), config.claimIdle().toNanos() / 2);
        this.touchAgeNs = Math.max(TimeUnit.MILLISECONDS.toNanos(100), config.claimIdle().toNanos() / 3);
        long now = System.nanoTime();
        this.nextClaimNs = now;
        this.nextTouchNs = now + touchAgeNs;
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
            readAhead.close();
            finished = true;
        }
    }

    /** One turn of the loop; returns how much it did (0 = nothing to do). */
    int doWork() throws InterruptedException {
        int work = drainOutcomes();
        long now = System.nanoTime();
        work += resubmitDueRetries(now);
        if (indexer.flushIfDue(now)) {
            work++;
        }
        if (now >= redisRetryAtNs) {
            try {
                work += writeDeadLettersAndAcks();
                if (now >= nextTouchNs) {
                    touchLongRunning(now);
                }
                if (now >= nextClaimNs && capacity() > 0) {
                    work += claimStep(now);
                }
                if (capacity() > 0 || readAhead.inProgress()) {
                    work += readStep();
                }
                redisBackoffNs = REDIS_MIN_BACKOFF_NS;
            } catch (JedisException e) {
                metrics.redisErrors.increment();
                rateLimitedLog.warn("redis", "redis command failed, retrying in {} ms: {}",
                        TimeUnit.NANOSECONDS.toMillis(redisBackoffNs), e.toString());
                redisRetryAtNs = System.nanoTime() + redisBackoffNs;
                redisBackoffNs = Math.min(redisBackoffNs * 2, REDIS_MAX_BACKOFF_NS);
            }
        }
        publishGauges();
        return work;
    }

    private void idle() throws InterruptedException {
        if (readAhead.inProgress()) {
            // The next batch is on its way: wake as soon as it lands; answers wait for the next turn.
            readAhead.awaitDone(IDLE_WAIT_MS);
            return;
        }
        List<ItemOutcome> answer = indexer.outcomes().poll(IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
        if (answer != null) {
            onAnswer(answer);
        }
    }

    /** Entries this shipper may still take in, by count and bytes; a read in progress has its share already. */
    private int capacity() {
        if (inFlightBytes >= config.maxInFlightBytes()) {
            return 0;
        }
        return Math.max(0, config.maxInFlight() - inFlight.size() - readAhead.reserved());
    }

    private int readStep() {
        if (phase == Phase.OWN_PENDING) {
            int count = Math.min(config.readBatch(), capacity());
            List<StreamRecord> records = source.readOwnPending(ownPendingCursor, count);
            if (records.isEmpty()) {
                phase = Phase.NEW;
                return 0;
            }
            ownPendingCursor = records.get(records.size() - 1).entryId();
            metrics.readPending.increment(records.size());
            LOG.info("re-reading own pending entries consumer={} count={} upTo={}", source.consumer(),
                    records.size(), ownPendingCursor);
            return accept(records);
        }
        // New entries come from the read-ahead: take the batch it finished, and start the next
        // read before checking this one, so Redis and the loop work at the same time.
        List<StreamRecord> records = readAhead.poll();
        int taking = records == null ? 0 : records.size();
        readAhead.request(Math.min(config.readBatch(), capacity() - taking), READ_BLOCK_MS);
        if (records == null) {
            return 0;
        }
        metrics.readNew.increment(records.size());
        return accept(records);
    }

    private int claimStep(long now) {
        EventSource.Claimed claimed = source.claim(claimCursor, claimIdleMs, Math.min(config.readBatch(), capacity()));
        claimCursor = claimed.nextCursor();
        if ("0-0".equals(claimCursor)) {
            nextClaimNs = now + claimPeriodNs;
        }
        List<StreamRecord> fresh = new ArrayList<>();
        for (StreamRecord record : claimed.records()) {
            if (!inFlight.containsKey(record.entryId())) {
                fresh.add(record);
            }
        }
        if (!fresh.isEmpty()) {
            metrics.readClaimed.increment(fresh.size());
            LOG.info("claimed entries of idle consumers count={} first={}", fresh.size(), fresh.get(0).entryId());
        }
        return accept(fresh);
    }

    /** Takes records into flight, or straight to the dead-letter list when they cannot be indexed. */
    private int accept(List<StreamRecord> records) {
        long now = System.nanoTime();
        for (StreamRecord record : records) {
            if (inFlight.containsKey(record.entryId())) {
                continue;
            }
            if (record.deleted()) {
                metrics.trimmed.increment();
                toAck.add(record.entryId());
                continue;
            }
            if (record.eventId() == null || record.eventId().isBlank() || record.doc() == null) {
                metrics.deadInvalid.increment();
                toDeadLetter.add(new DeadLetter(record, 0, "invalid_entry: missing the id or doc field"));
                continue;
            }
            if (record.eventId().length() > 512 / 3 && utf8Length(record.eventId()) > 512) {
                metrics.deadInvalid.increment();
                toDeadLetter.add(new DeadLetter(record, 0, "invalid_entry: id longer than 512 bytes"));
                continue;
            }
            EventDocuments.Checked checked = EventDocuments.check(config.indexPrefix(), record.doc(),
                    config.maxDocBytes());
            if (!checked.valid()) {
                metrics.deadInvalid.increment();
                toDeadLetter.add(new DeadLetter(record, 0, checked.rejection()));
                continue;
            }
            InFlightEvent event = new InFlightEvent(record.entryId(), record.eventId(), record.type(), checked.doc(),
                    checked.index(), now);
            inFlight.put(event.entryId(), event);
            inFlightBytes += event.doc().length;
            indexer.submit(event);
        }
        return records.size();
    }

    /** Elasticsearch's limit on {@code _id} is in bytes; only an id that could exceed it is encoded. */
    private static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private int drainOutcomes() {
        int handled = 0;
        List<ItemOutcome> answer;
        while (handled < OUTCOMES_PER_TURN && (answer = indexer.outcomes().poll()) != null) {
            handled += onAnswer(answer);
        }
        return handled;
    }

    /** The outcomes of one bulk request; counters move once per request, not once per document. */
    private int onAnswer(List<ItemOutcome> answer) {
        int indexed = 0;
        int duplicates = 0;
        for (ItemOutcome outcome : answer) {
            switch (outcome.result()) {
                case INDEXED -> indexed++;
                case DUPLICATE -> duplicates++;
                default -> {
                }
            }
            onOutcome(outcome);
        }
        metrics.indexed.increment(indexed);
        metrics.duplicates.increment(duplicates);
        return answer.size();
    }

    private void onOutcome(ItemOutcome outcome) {
        InFlightEvent event = outcome.event();
        switch (outcome.result()) {
            case INDEXED, DUPLICATE -> {
                done(event);
                toAck.add(event.entryId());
            }
            case REJECTED -> {
                metrics.deadRejected.increment();
                done(event);
                toDeadLetter.add(new DeadLetter(new StreamRecord(event.entryId(), event.eventId(), event.type(),
                        event.doc()), outcome.status(), outcome.reason()));
                rateLimitedLog.warn("rejected", "document rejected, dead-lettered eventId={} status={} reason={}",
                        event.eventId(), outcome.status(), shorten(outcome.reason()));
            }
            case RETRY -> {
                retryCounter(outcome.status()).increment();
                event.retryAt(System.nanoTime() + backoffNs(event.attempts()));
                retries.add(event);
                if (outcome.status() != 0) {
                    rateLimitedLog.warn("retry", "document will be retried eventId={} status={} attempts={} reason={}",
                            event.eventId(), outcome.status(), event.attempts(), shorten(outcome.reason()));
                } else {
                    rateLimitedLog.warn("retry-unreachable", "elasticsearch did not answer, retrying {} in-flight "
                            + "documents: {}", inFlight.size(), outcome.reason());
                }
            }
        }
    }

    private static String shorten(String reason) {
        return reason == null || reason.length() <= 160 ? reason : reason.substring(0, 160) + "...";
    }

    private io.micrometer.core.instrument.Counter retryCounter(int status) {
        if (status == 429) {
            return metrics.retried429;
        }
        if (status >= 500) {
            return metrics.retried5xx;
        }
        return status == 0 ? metrics.retriedUnreachable : metrics.retriedOther;
    }

    /** Exponential from the minimum, capped, with 20 % jitter so retries of many shippers spread out. */
    private long backoffNs(int attempts) {
        long min = config.retryMinBackoff().toNanos();
        long max = config.retryMaxBackoff().toNanos();
        long backoff = min;
        for (int i = 1; i < attempts && backoff < max; i++) {
            backoff *= 2;
        }
        backoff = Math.min(backoff, max);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return (long) (backoff * jitter);
    }

    private void done(InFlightEvent event) {
        if (inFlight.remove(event.entryId()) != null) {
            inFlightBytes -= event.doc().length;
        }
    }

    private int resubmitDueRetries(long now) {
        int resubmitted = 0;
        while (!retries.isEmpty() && retries.peek().retryAtNs() <= now) {
            indexer.submit(retries.poll());
            resubmitted++;
        }
        return resubmitted;
    }

    private int writeDeadLettersAndAcks() {
        int work = 0;
        while (!toDeadLetter.isEmpty()) {
            DeadLetter dead = toDeadLetter.get(toDeadLetter.size() - 1);
            source.deadLetter(dead.record(), dead.status(), dead.reason());
            toDeadLetter.remove(toDeadLetter.size() - 1);
            toAck.add(dead.record().entryId());
            work++;
        }
        if (!toAck.isEmpty()) {
            source.ack(toAck);
            metrics.acked.increment(toAck.size());
            work += toAck.size();
            toAck.clear();
        }
        return work;
    }

    /** Keeps entries we still work on from looking idle to other shippers (see {@link EventSource#touch}). */
    private void touchLongRunning(long now) {
        nextTouchNs = now + touchAgeNs;
        List<String> old = new ArrayList<>();
        Iterator<InFlightEvent> events = inFlight.values().iterator();
        while (events.hasNext()) {
            InFlightEvent event = events.next();
            if (now - event.readAtNs() < touchAgeNs) {
                break;
            }
            old.add(event.entryId());
            if (old.size() == 1_000) {
                source.touch(old);
                old.clear();
            }
        }
        source.touch(old);
    }

    private void publishGauges() {
        metrics.inFlightEntries.set(inFlight.size());
        metrics.inFlightBytes.set(inFlightBytes);
    }

    /** After stop(): read nothing more, send what is buffered, acknowledge what comes back in time. */
    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        takeLastReadAhead();
        indexer.flush();
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            drainOutcomes();
            resubmitDueRetries(System.nanoTime());
            indexer.flush();
            flushRedisQuietly();
            idle();
        }
        drainOutcomes();
        flushRedisQuietly();
        publishGauges();
        LOG.info("shipper loop stopped consumer={} leftPending={}", source.consumer(), inFlight.size());
    }

    /** A batch the read-ahead brought is ours (pending in the group): ship it with the rest. */
    private void takeLastReadAhead() throws InterruptedException {
        if (!readAhead.inProgress() || !readAhead.awaitDone(READ_LAST_WAIT_MS)) {
            return;
        }
        try {
            List<StreamRecord> records = readAhead.poll();
            if (records != null) {
                metrics.readNew.increment(records.size());
                accept(records);
            }
        } catch (JedisException e) {
            rateLimitedLog.warn("redis", "last read failed while draining: {}", e.toString());
        }
    }

    private void flushRedisQuietly() {
        try {
            writeDeadLettersAndAcks();
        } catch (JedisException e) {
            rateLimitedLog.warn("redis", "redis command failed while draining: {}", e.toString());
        }
    }
}
