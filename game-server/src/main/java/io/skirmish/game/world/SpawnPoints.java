package io.skirmish.game.world;

/**
 * Where players appear. Team modes put each team along its own edge; free-for-all uses a ring
 * of points and respawns a player at the point farthest from every living opponent, so nobody
 * is spawned in front of a gun. Deterministic, so replays and tests agree.
 */
final class SpawnPoints {

    private static final float EDGE_MARGIN_FRACTION = 0.125f;
    private static final float RING_RADIUS_FRACTION = 0.375f;

    private final MatchMode mode;
    private final int teamSize;
    private final float arenaSize;
    private final float[] ringX;
    private final float[] ringY;

    /** Spawn points for a match of {@code players} in {@code mode} (fewer than its maximum when it started short). */
    SpawnPoints(MatchMode mode, int players, float arenaSize) {
        this.mode = mode;
        this.teamSize = mode.shape().teamSize(players);
        this.arenaSize = arenaSize;
        int points = Math.max(mode.players(), 1);
        this.ringX = new float[points];
        this.ringY = new float[points];
        float centre = arenaSize / 2f;
        float radius = arenaSize * RING_RADIUS_FRACTION;
        for (int i = 0; i < points; i++) {
            double angle = 2 * Math.PI * i / points;
            ringX[i] = centre + (float) (radius * Math.cos(angle));
            ringY[i] = centre + (float) (radius * Math.sin(angle));
        }
    }

    /** The start position of {@code player}, written to {@code x[player]} and {@code y[player]}. */
    void initial(int player, float[] x, float[] y) {
        if (mode.respawns()) {
            x[player] = ringX[player % ringX.length];
            y[player] = ringY[player % ringY.length];
            return;
        }
        // Spread each team evenly along its edge, however many it has (2 in a short squad).
        int team = player / teamSize;
        int indexInTeam = player % teamSize;
        float margin = arenaSize * EDGE_MARGIN_FRACTION;
        x[player] = team == 0 ? margin : arenaSize - margin;
        y[player] = arenaSize * (indexInTeam + 1) / (teamSize + 1);
    }

    /** A respawn position for {@code player}: the ring point farthest from living opponents. */
    void respawn(int player, float[] x, float[] y, boolean[] alive, int[] team) {
        int best = player % ringX.length;
        float bestDistance = -1f;
        for (int point = 0; point < ringX.length; point++) {
            float nearest = Float.MAX_VALUE;
            for (int other = 0; other < alive.length; other++) {
                if (other == player || !alive[other] || team[other] == team[player]) {
                    continue;
                }
                float dx = x[other] - ringX[point];
                float dy = y[other] - ringY[point];
                nearest = Math.min(nearest, dx * dx + dy * dy);
            }
            if (nearest > bestDistance) {
                bestDistance = nearest;
                best = point;
            }
        }
        x[player] = ringX[best];
        y[player] = ringY[best];
    }

    /** Aim from {@code (x, y)} towards the centre of the arena. */
    float aimTowardsCentre(float x, float y) {
        float centre = arenaSize / 2f;
        return (float) Math.atan2(centre - y, centre - x);
    }
}
