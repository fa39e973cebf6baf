package io.skirmish.logship;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entries read and not yet acknowledged, oldest first, with their bytes: the shipper's memory
 * bound. Shared by the loop's stages, on the loop thread only.
 */
final class InFlight {

    private final Map<String, InFlightEvent> byEntryId = new LinkedHashMap<>();
    private final int maxEntries;
    private final long maxBytes;
    private long bytes;

    InFlight(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** Entries that may still be taken in, by count and bytes, given {@code reserved} for a read in progress. */
    int capacity(int reserved) {
        if (bytes >= maxBytes) {
            return 0;
        }
        return Math.max(0, maxEntries - byEntryId.size() - reserved);
    }

    boolean contains(String entryId) {
        return byEntryId.containsKey(entryId);
    }

    void add(InFlightEvent event) {
        byEntryId.put(event.entryId(), event);
        bytes += event.doc().length;
    }

    /** Forgets an event that is done (acknowledged or about to be); a second call does nothing. */
    void done(InFlightEvent event) {
        if (byEntryId.remove(event.entryId()) != null) {
            bytes -= event.doc().length;
        }
    }

    int size() {
        return byEntryId.size();
    }

    boolean isEmpty() {
        return byEntryId.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    /** Oldest first (the order they were read). */
    Collection<InFlightEvent> events() {
        return byEntryId.values();
    }
}
