package io.skirmish.game.events;

import java.util.List;

/** Appends records to streams; the publisher's only contact with storage. */
public interface StreamWriter {

    /**
     * Appends every entry, in order. Returns false when the store could not take them all; the
     * caller retries the whole batch later (consumers deduplicate by the entries' ids).
     */
    boolean append(List<StreamEntry> entries);
}
