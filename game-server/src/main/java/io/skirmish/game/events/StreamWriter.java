package io.skirmish.game.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Appends records to streams and checks they are still there; the publisher's only contact with storage. */
public interface StreamWriter {

    /**
     * Appends every entry, in order. Returns the ids the store gave the entries, in the same
     * order, or empty when it could not take them all: the caller retries the whole batch later
     * (consumers deduplicate by the entries' {@code id} fields).
     */
    Optional<List<String>> append(List<StreamEntry> entries);

    /**
     * Which of {@code entries} (entry id mapped to the value of its {@code id} field) the stream
     * no longer holds, or empty when the store could not be asked.
     */
    Optional<Set<String>> missing(String stream, Map<String, String> entries);
}
