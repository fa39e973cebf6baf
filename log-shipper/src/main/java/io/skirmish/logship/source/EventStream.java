package io.skirmish.logship.source;

import java.util.List;

/**
 * The consumer-group calls the shipper loop's stages make; {@link EventSource} sends them to
 * Redis (its integration tests pin down their semantics), in-memory streams serve the stages'
 * unit tests.
 */
public interface EventStream {

    /** This shipper's consumer name in the group. */
    String consumer();

    /** This consumer's own pending entries after {@code after}. */
    List<StreamRecord> readOwnPending(String after, int count);

    /** Entries never delivered to the group, waiting up to {@code blockMs} for some. */
    List<StreamRecord> readNew(int count, int blockMs);

    /** One claim step over entries idle for at least {@code minIdleMs}, from {@code cursor}. */
    EventSource.Claimed claim(String cursor, long minIdleMs, int count);

    /** Resets the idle time of entries this consumer still works on. */
    void touch(List<String> entryIds);

    long ack(List<String> entryIds);

    /** Appends a document that can never be indexed to the dead-letter stream. */
    void deadLetter(StreamRecord record, int status, String reason, long failedAtMs);
}
