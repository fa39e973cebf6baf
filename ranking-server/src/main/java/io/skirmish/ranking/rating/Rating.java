package io.skirmish.ranking.rating;

/**
 * A player's skill belief: a normal distribution with mean {@code mu} and standard deviation
 * {@code sigma}. Immutable.
 *
 * <p>Leaderboards sort by {@link #ordinal()}, the conservative estimate {@code mu - 3 sigma}
 * (the openskill default with z = 3, alpha = 1, target = 0): a player climbs by winning, and
 * by playing enough for the system to become sure of them. Players see {@link #display()}.
 *
 * @param mu    mean skill, finite
 * @param sigma uncertainty of {@code mu}, finite and positive
 */
public record Rating(double mu, double sigma) {

    /** Display points of a new player at the default rating (ordinal 0). */
    public static final long DISPLAY_BASE = 1000;
    /** Display points per ordinal point. */
    public static final long DISPLAY_POINTS_PER_ORDINAL = 40;

    public Rating {
        if (!Double.isFinite(mu)) {
            throw new IllegalArgumentException("mu must be a finite number, got " + mu);
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a finite positive number, got " + sigma);
        }
    }

    /** The conservative skill estimate {@code mu - 3 sigma}; leaderboards sort by it. */
    public double ordinal() {
        return mu - 3 * sigma;
    }

    /**
     * Points shown to players: {@code max(0, round(1000 + 40 * ordinal))}.
     *
     * <p>A new player (mu 25, sigma 25/3, ordinal 0) shows 1000; an established good player
     * (ordinal about 30) shows about 2200. The scale is linear in the ordinal, so it sorts
     * exactly like the leaderboard, and it is clamped at 0 because negative points read as an
     * error to players. It is a presentation rule only: nothing is computed from it.
     */
    public long display() {
        return Math.max(0, Math.round(DISPLAY_BASE + DISPLAY_POINTS_PER_ORDINAL * ordinal()));
    }
}
