package io.skirmish.ranking.board;

import java.util.HashSet;
import java.util.Set;

import io.skirmish.ranking.season.SeasonStore;

/**
 * The query side's view of the season catalogue: the running season id and the set of known
 * season ids, read from memory so that a query never waits for Redis to learn them.
 * {@link #refresh()} reads both from Redis; the server calls it once before serving and then
 * every second on a background thread, so a season switch reaches queries within that period
 * (the previous season's boards stay queryable under their id either way).
 *
 * <p>Thread-safe: {@link #refresh()} on one thread, the readers on any (the event loops).
 */
public final class SeasonDirectory {

    private record Snapshot(String current, Set<String> known) {
    }

    private final SeasonStore store;
    private volatile Snapshot snapshot = new Snapshot(null, Set.of());

    public SeasonDirectory(SeasonStore store) {
        this.store = store;
    }

    /** Reads the running season and every season id from Redis (blocking). */
    public void refresh() {
        Set<String> known = new HashSet<>(store.ids());
        String current = store.currentId();
        if (current != null) {
            known.add(current); // started between the two reads
        }
        snapshot = new Snapshot(current, Set.copyOf(known));
    }

    /** The running season as last read, or {@code null} before the first. */
    public String currentId() {
        return snapshot.current();
    }

    /** Whether the season was known at the last refresh. */
    public boolean exists(String seasonId) {
        return snapshot.known().contains(seasonId);
    }
}
