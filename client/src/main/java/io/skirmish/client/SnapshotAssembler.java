package io.skirmish.client;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.skirmish.protocol.game.v1.EntityDelta;
import io.skirmish.protocol.game.v1.Snapshot;

/**
 * Rebuilds the world a client sees from delta snapshots: keeps the last few assembled states by
 * tick, applies each delta to the state of its baseline tick, and ignores snapshots that arrive
 * late (older than the newest) or whose baseline it no longer has (the server sends a full one
 * once the client's acknowledgement stops moving).
 *
 * <p>Single-threaded: the client's UDP event loop.
 */
public final class SnapshotAssembler {

    private static final int KEPT_STATES = 32;

    private final NavigableMap<Long, Map<Integer, EntityState>> states = new TreeMap<>();
    private long newestTick;
    private long lastProcessedInput;

    /** Applies {@code snapshot}; returns false when it was stale or its baseline is unknown. */
    public boolean apply(Snapshot snapshot) {
        long tick = snapshot.getTick();
        if (tick <= newestTick) {
            return false;
        }
        Map<Integer, EntityState> base;
        if (snapshot.getBaselineTick() == 0) {
            base = Map.of();
        } else {
            base = states.get((long) snapshot.getBaselineTick());
            if (base == null) {
                return false;
            }
        }
        Map<Integer, EntityState> next = new HashMap<>(base);
        for (EntityDelta delta : snapshot.getEntitiesList()) {
            if (delta.getRemoved()) {
                next.remove(delta.getEntityId());
                continue;
            }
            EntityState previous = next.get(delta.getEntityId());
            next.put(delta.getEntityId(), previous == null ? EntityState.from(delta) : previous.with(delta));
        }
        states.put(tick, next);
        states.headMap(tick - KEPT_STATES, true).clear();
        newestTick = tick;
        lastProcessedInput = snapshot.getLastProcessedInputSequence();
        return true;
    }

    /** The newest assembled tick: what the client acknowledges. 0 before the first. */
    public long newestTick() {
        return newestTick;
    }

    public long lastProcessedInput() {
        return lastProcessedInput;
    }

    /** The entities of the newest assembled state. */
    public Map<Integer, EntityState> entities() {
        Map<Integer, EntityState> state = states.get(newestTick);
        return state == null ? Map.of() : state;
    }
}
