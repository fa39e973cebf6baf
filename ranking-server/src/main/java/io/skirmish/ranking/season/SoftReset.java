package io.skirmish.ranking.season;

import io.skirmish.ranking.rating.Rating;

/**
 * How a new season pulls ratings back towards a new player's: the mean moves a fraction of
 * the way back and the uncertainty grows, so last season's best start near the top but must
 * prove themselves again.
 *
 * <pre>
 *   mu'    = mu0 + (mu - mu0) * factor
 *   sigma' = min(sigma + sigmaDelta, sigma0)     (never below the old sigma)
 * </pre>
 * {@code factor = 1, sigmaDelta = 0} keeps ratings as they are; {@code factor = 0} with
 * {@code sigmaDelta >= sigma0} is a full reset. Pure, immutable.
 *
 * @param mu0        a new player's mean (the rating model's {@code mu})
 * @param sigma0     a new player's deviation (the rating model's {@code sigma}), the cap of sigma'
 * @param factor     share of the distance to {@code mu0} that is kept, in [0, 1]
 * @param sigmaDelta added to sigma, >= 0
 */
public record SoftReset(double mu0, double sigma0, double factor, double sigmaDelta) {

    public SoftReset {
        if (!Double.isFinite(mu0)) {
            throw new IllegalArgumentException("mu0 must be finite, got " + mu0);
        }
        if (!(sigma0 > 0) || !Double.isFinite(sigma0)) {
            throw new IllegalArgumentException("sigma0 must be finite and positive, got " + sigma0);
        }
        if (!(factor >= 0 && factor <= 1)) {
            throw new IllegalArgumentException("reset factor must be in [0, 1], got " + factor);
        }
        if (!(sigmaDelta >= 0) || !Double.isFinite(sigmaDelta)) {
            throw new IllegalArgumentException("sigma delta must be finite and >= 0, got " + sigmaDelta);
        }
    }

    public Rating apply(Rating rating) {
        double mu = mu0 + (rating.mu() - mu0) * factor;
        // Never shrink sigma: a player above sigma0 (possible with large tau) keeps theirs.
        double sigma = Math.max(rating.sigma(), Math.min(rating.sigma() + sigmaDelta, sigma0));
        return new Rating(mu, sigma);
    }
}
