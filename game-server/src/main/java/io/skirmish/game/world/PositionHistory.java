package io.skirmish.game.world;

/**
 * Where every player was over the last few ticks, so a shot can be judged against what the
 * shooter saw (lag compensation). A ring of {@code depth} ticks per player, preallocated;
 * asking for a tick older than the ring holds returns the oldest it has.
 *
 * <p>Single-threaded: owned by the match's tick thread.
 */
public final class PositionHistory {

    private final int players;
    private final int depth;
    private final float[] xs;
    private final float[] ys;
    private final boolean[] alive;
    private long newestTick = Long.MIN_VALUE;

    public PositionHistory(int players, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, was " + depth);
        }
        this.players = players;
        this.depth = depth;
        this.xs = new float[players * depth];
        this.ys = new float[players * depth];
        this.alive = new boolean[players * depth];
    }

    /** Stores the positions of {@code tick}, which must follow the previous one. */
    public void record(long tick, float[] x, float[] y, boolean[] isAlive) {
        int base = row(tick);
        System.arraycopy(x, 0, xs, base, players);
        System.arraycopy(y, 0, ys, base, players);
        System.arraycopy(isAlive, 0, alive, base, players);
        newestTick = tick;
    }

    public float x(long tick, int player) {
        return xs[row(clamp(tick)) + player];
    }

    public float y(long tick, int player) {
        return ys[row(clamp(tick)) + player];
    }

    public boolean alive(long tick, int player) {
        return alive[row(clamp(tick)) + player];
    }

    private long clamp(long tick) {
        if (tick > newestTick) {
            return newestTick;
        }
        long oldest = newestTick - depth + 1;
        return Math.max(tick, oldest);
    }

    private int row(long tick) {
        return (int) Math.floorMod(tick, (long) depth) * players;
    }
}
