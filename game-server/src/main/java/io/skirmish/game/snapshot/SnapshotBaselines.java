package io.skirmish.game.snapshot;

/**
 * The frames recently sent to one player, so the next snapshot can be a delta against the
 * newest one that player acknowledged. A ring of {@code depth} frames; an acknowledgement older
 * than the ring holds means a full snapshot.
 */
public final class SnapshotBaselines {

    private final SnapshotFrame[] frames;

    public SnapshotBaselines(int depth, int entityCapacity) {
        frames = new SnapshotFrame[depth];
        for (int i = 0; i < depth; i++) {
            frames[i] = new SnapshotFrame(entityCapacity);
        }
    }

    /** Remembers {@code sent} as the frame of its tick. */
    public void store(SnapshotFrame sent) {
        frames[slot(sent.tick)].copyFrom(sent);
    }

    /** The frame sent at {@code tick}, or {@code null} if it is no longer held (or never was). */
    public SnapshotFrame find(long tick) {
        if (tick <= 0) {
            return null;
        }
        SnapshotFrame frame = frames[slot(tick)];
        return frame.tick == tick ? frame : null;
    }

    /** Forgets everything, for a reconnecting player whose client lost its state. */
    public void reset() {
        for (SnapshotFrame frame : frames) {
            frame.tick = -1;
            frame.count = 0;
        }
    }

    private int slot(long tick) {
        return (int) Math.floorMod(tick, (long) frames.length);
    }
}
