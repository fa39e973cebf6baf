package io.skirmish.logship;

/**
 * One stream entry between being read and being acknowledged: what was read, where it goes, how
 * often it was tried. It is the {@code BulkIngester} context of its bulk operation, so the
 * listener knows which stream entry an item answer is about.
 *
 * <p>Created and mutated by the shipper loop thread only; the bulk listener threads read the
 * final fields ({@link #entryId}, {@link #eventId}) and hand the object back through a queue.
 */
public final class InFlightEvent {

    private final String entryId;
    private final String eventId;
    private final String type;
    private final byte[] doc;
    private final String index;
    private final long readAtNs;
    private int attempts;
    private long retryAtNs;

    public InFlightEvent(String entryId, String eventId, String type, byte[] doc, String index, long readAtNs) {
        this.entryId = entryId;
        this.eventId = eventId;
        this.type = type;
        this.doc = doc;
        this.index = index;
        this.readAtNs = readAtNs;
    }

    /** The Redis stream entry id ({@code 1732530000000-0}): what is acknowledged. */
    public String entryId() {
        return entryId;
    }

    /** The event id: the document id, hence the idempotency key. */
    public String eventId() {
        return eventId;
    }

    public String type() {
        return type;
    }

    /** The JSON document, as sent (compact, one line). */
    public byte[] doc() {
        return doc;
    }

    /** The daily index chosen from the document's {@code @timestamp}; {@code null} for an invalid document. */
    public String index() {
        return index;
    }

    public long readAtNs() {
        return readAtNs;
    }

    public int attempts() {
        return attempts;
    }

    public void onAttempt() {
        attempts++;
    }

    public long retryAtNs() {
        return retryAtNs;
    }

    public void retryAt(long nanos) {
        this.retryAtNs = nanos;
    }
}
