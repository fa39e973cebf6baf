package io.skirmish.game.snapshot;

/**
 * What one player saw on one tick, already quantized to wire units: the entities in its view
 * and their state. Kept per player for the last few ticks as delta baselines. Preallocated for
 * the largest match; reused, never reallocated.
 */
public final class SnapshotFrame {

    long tick = -1;
    int count;
    final int[] entityIds;
    final int[] xCm;
    final int[] yCm;
    final int[] aim;
    final int[] health;
    final int[] flags;

    public SnapshotFrame(int capacity) {
        entityIds = new int[capacity];
        xCm = new int[capacity];
        yCm = new int[capacity];
        aim = new int[capacity];
        health = new int[capacity];
        flags = new int[capacity];
    }

    public void clear(long tick) {
        this.tick = tick;
        this.count = 0;
    }

    public void add(int entityId, int xCm, int yCm, int aim, int health, int flags) {
        int i = count++;
        entityIds[i] = entityId;
        this.xCm[i] = xCm;
        this.yCm[i] = yCm;
        this.aim[i] = aim;
        this.health[i] = health;
        this.flags[i] = flags;
    }

    /** Index of {@code entityId} in this frame, or -1. Frames hold at most a match's players. */
    int indexOf(int entityId) {
        for (int i = 0; i < count; i++) {
            if (entityIds[i] == entityId) {
                return i;
            }
        }
        return -1;
    }

    void copyFrom(SnapshotFrame other) {
        tick = other.tick;
        count = other.count;
        System.arraycopy(other.entityIds, 0, entityIds, 0, count);
        System.arraycopy(other.xCm, 0, xCm, 0, count);
        System.arraycopy(other.yCm, 0, yCm, 0, count);
        System.arraycopy(other.aim, 0, aim, 0, count);
        System.arraycopy(other.health, 0, health, 0, count);
        System.arraycopy(other.flags, 0, flags, 0, count);
    }

    public long tick() {
        return tick;
    }

    public int count() {
        return count;
    }
}
