package io.skirmish.logship;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.skirmish.logship.source.EventStream;
import io.skirmish.logship.source.StreamRecord;
import org.agrona.concurrent.EpochClock;

/**
 * Stage "ack or dead-letter": collects the entries that are done and writes them to the group in
 * one acknowledgement per turn, each rejected one first appended to the dead-letter stream
 * (stamped with when it was rejected). It also keeps the entries still in flight from looking
 * idle to other shippers (touch), so a long Elasticsearch outage does not hand them around.
 * Loop thread only; a Redis error leaves the lists as they are for the next attempt.
 */
final class AckStage {

    private static final int TOUCH_BATCH = 1_000;

    private record DeadLetter(StreamRecord record, int status, String reason, long failedAtMs) {
    }

    private final EventStream stream;
    private final InFlight inFlight;
    private final ShipperMetrics metrics;
    private final EpochClock epochClock;
    private final long touchAgeNs;
    private final List<String> toAck = new ArrayList<>();
    private final List<DeadLetter> toDeadLetter = new ArrayList<>();
    private long nextTouchNs;

    AckStage(LogShipperConfig config, EventStream stream, InFlight inFlight, ShipperMetrics metrics,
             EpochClock epochClock, long nowNs) {
        this.stream = stream;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.epochClock = epochClock;
        this.touchAgeNs = Math.max(TimeUnit.MILLISECONDS.toNanos(100), config.claimIdle().toNanos() / 3);
        this.nextTouchNs = nowNs + touchAgeNs;
    }

    void ack(String entryId) {
        toAck.add(entryId);
    }

    void deadLetter(StreamRecord record, int status, String reason) {
        toDeadLetter.add(new DeadLetter(record, status, reason, epochClock.time()));
    }

    int pending() {
        return toAck.size() + toDeadLetter.size();
    }

    /** Writes the dead letters, then acknowledges everything done; returns the entries written. */
    int write() {
        int work = 0;
        while (!toDeadLetter.isEmpty()) {
            DeadLetter dead = toDeadLetter.get(toDeadLetter.size() - 1);
            stream.deadLetter(dead.record(), dead.status(), dead.reason(), dead.failedAtMs());
            toDeadLetter.remove(toDeadLetter.size() - 1); // only once written: a Redis error retries it
            toAck.add(dead.record().entryId());
            work++;
        }
        if (!toAck.isEmpty()) {
            stream.ack(toAck);
            metrics.acked.increment(toAck.size());
            work += toAck.size();
            toAck.clear();
        }
        return work;
    }

    /** Touches the entries in flight for longer than a third of the claim idle time, when a touch is due. */
    void touchIfDue(long nowNs) {
        if (nowNs < nextTouchNs) {
            return;
        }
        nextTouchNs = nowNs + touchAgeNs;
        List<String> old = new ArrayList<>();
        for (InFlightEvent event : inFlight.events()) {
            if (nowNs - event.readAtNs() < touchAgeNs) {
                break; // oldest first: the rest are younger
            }
            old.add(event.entryId());
            if (old.size() == TOUCH_BATCH) {
                stream.touch(old);
                old.clear();
            }
        }
        stream.touch(old);
    }
}
