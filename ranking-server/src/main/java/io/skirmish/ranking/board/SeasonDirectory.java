package io.skirmish.ranking.board;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.skirmish.ranking.season.SeasonStore;

/**
 * The query side's view of the season catalogue: the running season id, re-read from Redis at
 * most every {@code refreshMs}, and the set of known season ids (re-read on a miss, at most as
 * often). A season switch is therefore visible to queries within {@code refreshMs}. Thread-safe.
 */
public final class SeasonDirectory {

    private final SeasonStore store;
    private final LongSupplier clockMs;
    private final long refreshMs;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile String current;
    private volatile long currentReadAtMs = Long.MIN_VALUE / 2;
    private volatile long knownReadAtMs = Long.MIN_VALUE / 2;

    public SeasonDirectory(SeasonStore store, LongSupplier clockMs, long refreshMs) {
        this.store = store;
        this.clockMs = clockMs;
        this.refreshMs = refreshMs;
    }

    /** The running season, or {@code null} before the first. */
    public String currentId() {
        long now = clockMs.getAsLong();
        String seen = current;
        if (now - currentReadAtMs >= refreshMs || seen == null) {
            seen = store.currentId();
            current = seen;
            currentReadAtMs = now;
        }
        return seen;
    }

    public boolean exists(String seasonId) {
        if (known.contains(seasonId)) {
            return true;
        }
        long now = clockMs.getAsLong();
        if (now - knownReadAtMs >= refreshMs) {
            // Read before stamping: a concurrent caller must not see the stamp with the set not filled yet.
            known.addAll(store.ids());
            knownReadAtMs = now;
        }
        return known.contains(seasonId);
    }
}
