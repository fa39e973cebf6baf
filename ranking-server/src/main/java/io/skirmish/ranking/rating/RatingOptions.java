package io.skirmish.ranking.rating;

/**
 * Parameters of the Weng-Lin model, named and defaulted as in openskill v5. Immutable.
 *
 * @param mu         mean of a new player's rating (openskill {@code mu}, default 25)
 * @param sigma      deviation of a new player's rating (openskill {@code sigma}, default 25/3)
 * @param beta       performance noise: how far a player's single-match showing strays from
 *                   their skill (default 25/6, half a new player's sigma)
 * @param kappa      floor of the factor by which one match can shrink a variance, so that
 *                   sigma never collapses to zero (default 1e-4), in (0, 1]
 * @param tau        dynamics: added in quadrature to every sigma before each update, so that
 *                   ratings keep moving as skill changes (default 25/300); 0 turns it off
 * @param limitSigma openskill {@code limitSigma}: when {@code tau > 0}, an updated sigma never
 *                   exceeds the sigma before the match (default false)
 * @param balance    openskill {@code balance}: weights players in a team sum by how far their
 *                   ordinal lies below the team's best ordinal (default false). It divides by
 *                   the best ordinal plus kappa, so teams whose best ordinal is near 0 get
 *                   extreme weights; it is mirrored for completeness, not recommended
 */
public record RatingOptions(
        double mu, double sigma, double beta, double kappa, double tau, boolean limitSigma, boolean balance) {

    public static final double DEFAULT_MU = 25.0;
    public static final double DEFAULT_SIGMA = 25.0 / 3;
    public static final double DEFAULT_BETA = 25.0 / 6;
    public static final double DEFAULT_KAPPA = 1e-4;
    public static final double DEFAULT_TAU = 25.0 / 300;

    /** The openskill v5 defaults. */
    public static final RatingOptions DEFAULTS =
            new RatingOptions(DEFAULT_MU, DEFAULT_SIGMA, DEFAULT_BETA, DEFAULT_KAPPA, DEFAULT_TAU, false, false);

    public RatingOptions {
        if (!Double.isFinite(mu)) {
            throw new IllegalArgumentException("mu must be a finite number, got " + mu);
        }
        requirePositive("sigma", sigma);
        requirePositive("beta", beta);
        requirePositive("kappa", kappa);
        if (kappa > 1) {
            throw new IllegalArgumentException("kappa must be at most 1, got " + kappa);
        }
        if (!(tau >= 0) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("tau must be a finite number >= 0, got " + tau);
        }
    }

    /** The rating a new player starts with. */
    public Rating newRating() {
        return new Rating(mu, sigma);
    }

    public RatingOptions withMu(double mu) {
        return new RatingOptions(mu, sigma, beta, kappa, tau, limitSigma, balance);
    }

    public RatingOptions withSigma(double sigma) {
        return new RatingOptions(mu, sigma, beta, kappa, tau, limitSigma, balance);
    }

    public RatingOptions withBeta(double beta) {
        return new RatingOptions(mu, sigma, beta, kappa, tau, limitSigma, balance);
    }

    public RatingOptions withKappa(double kappa) {
        return new RatingOptions(mu, sigma, beta, kappa, tau, limitSigma, balance);
    }

    public RatingOptions withTau(double tau) {
        return new RatingOptions(mu, sigma, beta, kappa, tau, limitSigma, balance);
    }

    public RatingOptions withLimitSigma(boolean limitSigma) {
        return new RatingOptions(mu, sigma, beta, kappa, tau, limitSigma, balance);
    }

    public RatingOptions withBalance(boolean balance) {
        return new RatingOptions(mu, sigma, beta, kappa, tau, limitSigma, balance);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite positive number, got " + value);
        }
    }
}
