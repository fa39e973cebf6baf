package io.skirmish.logship;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.PriorityQueue;

import io.skirmish.logship.sink.DocumentIndex;
import io.skirmish.logship.sink.EventDocuments;
import io.skirmish.logship.source.StreamRecord;

/**
 * Stage "index": checks each entry read and hands the good ones to the index (in flight until
 * Elasticsearch answers); an entry that can never be indexed goes straight to the dead-letter
 * list, a trimmed one straight to the acknowledgements. It also sends again the documents whose
 * retry is due, and the time flush. Loop thread only.
 */
final class IndexStage {

    /** Elasticsearch's limit on {@code _id}, in bytes. */
    private static final int MAX_ID_BYTES = 512;

    private final LogShipperConfig config;
    private final DocumentIndex index;
    private final InFlight inFlight;
    private final AckStage acks;
    private final ShipperMetrics metrics;
    private final PriorityQueue<InFlightEvent> retries =
            new PriorityQueue<>((a, b) -> Long.compare(a.retryAtNs(), b.retryAtNs()));

    IndexStage(LogShipperConfig config, DocumentIndex index, InFlight inFlight, AckStage acks, ShipperMetrics metrics) {
        this.config = config;
        this.index = index;
        this.inFlight = inFlight;
        this.acks = acks;
        this.metrics = metrics;
    }

    /** Takes records into flight, or to the dead-letter list when they cannot be indexed; returns how many it saw. */
    int accept(List<StreamRecord> records, long nowNs) {
        for (StreamRecord record : records) {
            if (inFlight.contains(record.entryId())) {
                continue;
            }
            if (record.deleted()) {
                metrics.trimmed.increment();
                acks.ack(record.entryId());
                continue;
            }
            String invalid = invalid(record);
            if (invalid != null) {
                metrics.deadInvalid.increment();
                acks.deadLetter(record, 0, invalid);
                continue;
            }
            EventDocuments.Checked checked = EventDocuments.check(config.indexPrefix(), record.doc(),
                    config.maxDocBytes());
            if (!checked.valid()) {
                metrics.deadInvalid.increment();
                acks.deadLetter(record, 0, checked.rejection());
                continue;
            }
            InFlightEvent event = new InFlightEvent(record.entryId(), record.eventId(), record.type(), checked.doc(),
                    checked.index(), nowNs);
            inFlight.add(event);
            index.submit(event);
        }
        return records.size();
    }

    private static String invalid(StreamRecord record) {
        if (record.eventId() == null || record.eventId().isBlank() || record.doc() == null) {
            return "invalid_entry: missing the id or doc field";
        }
        // Only an id that could exceed the limit is encoded to count its bytes.
        if (record.eventId().length() > MAX_ID_BYTES / 3
                && record.eventId().getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            return "invalid_entry: id longer than 512 bytes";
        }
        return null;
    }

    /** Sends {@code event} again once {@code atNs} has come. */
    void retryAt(InFlightEvent event, long atNs) {
        event.retryAt(atNs);
        retries.add(event);
    }

    /** Re-submits the documents whose retry is due; returns how many. */
    int resubmitDue(long nowNs) {
        int resubmitted = 0;
        while (!retries.isEmpty() && retries.peek().retryAtNs() <= nowNs) {
            index.submit(retries.poll());
            resubmitted++;
        }
        return resubmitted;
    }

    boolean flushIfDue(long nowNs) {
        return index.flushIfDue(nowNs);
    }

    void flush() {
        index.flush();
    }
}
