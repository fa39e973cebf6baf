package io.skirmish.game.world;

/**
 * What happens in a match, as the world reports it. Arguments are primitives and player
 * slots so that reporting allocates nothing; the caller maps slots to player ids.
 *
 * <p>Called on the match's tick thread, inside {@link World#step()}: implementations must not
 * block, log or allocate (they copy into a preallocated buffer).
 */
public interface WorldEvents {

    void onMatchStarted(long tick);

    /** {@code target} is -1 for a miss. */
    void onShot(long tick, int shooter, int target, float x, float y, float aimRadians);

    void onKill(long tick, int killer, int victim, float x, float y);

    void onRespawn(long tick, int player, float x, float y);

    /** {@code winningTeam} is -1 for a draw or in free-for-all (see placements). */
    void onMatchEnded(long tick, EndReason reason, int winningTeam);

    /** Ignores everything; for tests and tools that only look at the state. */
    WorldEvents NONE = new WorldEvents() {
        @Override
        public void onMatchStarted(long tick) {
        }

        @Override
        public void onShot(long tick, int shooter, int target, float x, float y, float aimRadians) {
        }

        @Override
        public void onKill(long tick, int killer, int victim, float x, float y) {
        }

        @Override
        public void onRespawn(long tick, int player, float x, float y) {
        }

        @Override
        public void onMatchEnded(long tick, EndReason reason, int winningTeam) {
        }
    };
}
