package io.skirmish.logship;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.skirmish.logship.source.EventStream;
import io.skirmish.logship.source.EventSource;
import io.skirmish.logship.source.ReadAhead;
import io.skirmish.logship.source.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "read": brings entries in, at most as many as the caller has room for. First this
 * consumer's own pending entries (what it read before a restart), then new ones through the
 * {@link ReadAhead} (the next read runs while the loop works on the last one); and now and then
 * the entries of consumers that went idle for {@code claimIdle} (XAUTOCLAIM), so a dead shipper's
 * entries are not stuck. Loop thread only.
 */
final class ReadStage {

    private static final Logger LOG = LoggerFactory.getLogger(ReadStage.class);
    static final int READ_BLOCK_MS = 50;

    private enum Phase { OWN_PENDING, NEW }

    private final LogShipperConfig config;
    private final EventStream stream;
    private final ReadAhead readAhead;
    private final InFlight inFlight;
    private final ShipperMetrics metrics;
    private final long claimIdleMs;
    private final long claimPeriodNs;
    private Phase phase = Phase.OWN_PENDING;
    private String ownPendingCursor = "0-0";
    private String claimCursor = "0-0";
    private long nextClaimNs;

    ReadStage(LogShipperConfig config, EventStream stream, ReadAhead readAhead, InFlight inFlight,
              ShipperMetrics metrics, long nowNs) {
        this.config = config;
        this.stream = stream;
        this.readAhead = readAhead;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.claimIdleMs = config.claimIdle().toMillis();
        this.claimPeriodNs = Math.max(TimeUnit.MILLISECONDS.toNanos(200), config.claimIdle().toNanos() / 2);
        this.nextClaimNs = nowNs;
    }

    /** Entries the read in progress may still bring. */
    int reserved() {
        return readAhead.reserved();
    }

    boolean readInProgress() {
        return readAhead.inProgress();
    }

    /** Waits up to {@code timeoutMs} for the read in progress; true if it has finished (or none runs). */
    boolean awaitRead(long timeoutMs) throws InterruptedException {
        return readAhead.awaitDone(timeoutMs);
    }

    /** Own pending entries until there are none, then new ones; empty when nothing came. */
    List<StreamRecord> read(int capacity) {
        if (phase == Phase.OWN_PENDING) {
            List<StreamRecord> records = stream.readOwnPending(ownPendingCursor, Math.min(config.readBatch(), capacity));
            if (records.isEmpty()) {
                phase = Phase.NEW;
                return records;
            }
            ownPendingCursor = records.get(records.size() - 1).entryId();
            metrics.readPending.increment(records.size());
            LOG.info("re-reading own pending entries consumer={} count={} upTo={}", stream.consumer(),
                    records.size(), ownPendingCursor);
            return records;
        }
        // Take the batch the read-ahead finished, and start the next read before handling this
        // one, so Redis and the loop work at the same time.
        List<StreamRecord> records = readAhead.poll();
        int taking = records == null ? 0 : records.size();
        readAhead.request(Math.min(config.readBatch(), capacity - taking), READ_BLOCK_MS);
        if (records == null) {
            return List.of();
        }
        metrics.readNew.increment(records.size());
        return records;
    }

    /** Whether a claim step is due: always while a pass over the group is under way, else every claim period. */
    boolean claimDue(long nowNs) {
        return nowNs >= nextClaimNs;
    }

    /** One claim step: idle consumers' entries, now ours, minus those already in flight here. */
    List<StreamRecord> claim(long nowNs, int capacity) {
        EventSource.Claimed claimed = stream.claim(claimCursor, claimIdleMs, Math.min(config.readBatch(), capacity));
        claimCursor = claimed.nextCursor();
        if ("0-0".equals(claimCursor)) {
            nextClaimNs = nowNs + claimPeriodNs;
        }
        List<StreamRecord> fresh = new ArrayList<>();
        for (StreamRecord record : claimed.records()) {
            if (!inFlight.contains(record.entryId())) {
                fresh.add(record);
            }
        }
        if (!fresh.isEmpty()) {
            metrics.readClaimed.increment(fresh.size());
            LOG.info("claimed entries of idle consumers count={} first={}", fresh.size(), fresh.get(0).entryId());
        }
        return fresh;
    }

    /** At stop: the batch a read in progress brings is ours (pending in the group), so it is shipped too. */
    List<StreamRecord> lastRead(long waitMs) throws InterruptedException {
        if (!readAhead.inProgress() || !readAhead.awaitDone(waitMs)) {
            return List.of();
        }
        List<StreamRecord> records = readAhead.poll();
        if (records == null) {
            return List.of();
        }
        metrics.readNew.increment(records.size());
        return records;
    }

    void close() {
        readAhead.close();
    }
}
