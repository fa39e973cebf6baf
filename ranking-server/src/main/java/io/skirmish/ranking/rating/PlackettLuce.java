package io.skirmish.ranking.rating;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The Weng-Lin Bayesian rating with the Plackett-Luce model (Weng and Lin 2011, algorithm 4),
 * as the openskill npm package version 5 computes it: teams of any size, free-for-all, ties.
 * Results agree with openskill 5.0.1 {@code rate()} within 1e-6 (see
 * {@code PlackettLuceReferenceTest}).
 *
 * <p>One update, in openskill's order:
 * <ol>
 *   <li>every sigma becomes {@code sqrt(sigma^2 + tau^2)} (dynamics, before the update);</li>
 *   <li>a team's mu and variance are the sums over its players (weighted when
 *       {@link RatingOptions#balance()});</li>
 *   <li>{@code c = sqrt(sum over teams of (teamVariance + beta^2))}; for every team q,
 *       {@code sumQ[q]} sums {@code exp(teamMu / c)} over the teams placed the same as or
 *       below q, and {@code a[q]} counts the teams tied with q (q included);</li>
 *   <li>team i collects, over every team q placed the same as or above it,
 *       {@code p = exp(mu_i / c) / sumQ[q]}, {@code omega += ((i == q ? 1 : 0) - p) / a[q]} and
 *       {@code delta += p (1 - p) / a[q]}; then with {@code gamma = sqrt(teamVariance_i) / c}
 *       each player gets {@code mu += sigma^2 / c * omega} and
 *       {@code sigma *= sqrt(max(1 - sigma^2 / c^2 * gamma * delta, kappa))};</li>
 *   <li>with {@link RatingOptions#limitSigma()} and {@code tau > 0}, a new sigma is capped at
 *       the sigma before the match.</li>
 * </ol>
 *
 * <p>Ties: openskill sorts the teams by rank and replaces each rank by the position of the
 * first team of its tie group; that only keeps order and equality, so this class compares
 * the given ranks directly and needs no sorting. A team tied with team i contributes to i's
 * update with {@code -p}, like a team placed above it, as openskill v5 does.
 *
 * <p>One deliberate difference: the exponentials are computed relative to the largest team
 * mu in each {@code sumQ} group, so the quotients {@code p} stay finite where openskill's
 * {@code exp(mu / c)} overflows (team mu sums above about {@code 700 c}). Where openskill is
 * finite the two agree to rounding.
 *
 * <p>Immutable and thread-safe: {@link #rate} keeps nothing between calls and allocates a few
 * arrays of the number of teams plus the result.
 */
public final class PlackettLuce implements RatingModel {

    /** Largest accepted |mu|; keeps team sums and their exponentials far from overflow. */
    public static final double MAX_ABS_MU = 1e9;
    /** Smallest accepted sigma; below it a variance underflows and the update divides by 0. */
    public static final double MIN_SIGMA = 1e-9;
    /** Largest accepted sigma. */
    public static final double MAX_SIGMA = 1e9;

    private final RatingOptions options;
    private final double betaSq;
    private final double tauSq;

    public PlackettLuce() {
        this(RatingOptions.DEFAULTS);
    }

    public PlackettLuce(RatingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.betaSq = options.beta() * options.beta();
        this.tauSq = options.tau() * options.tau();
    }

    @Override
    public RatingOptions options() {
        return options;
    }

    @Override
    public List<List<Rating>> rate(List<List<Rating>> teams, int[] ranks) {
        validate(teams, ranks);
        int n = teams.size();

        double[] teamMu = new double[n];
        double[] teamSigmaSq = new double[n];
        double cSq = 0;
        for (int i = 0; i < n; i++) {
            sumTeam(teams.get(i), i, teamMu, teamSigmaSq);
            cSq += teamSigmaSq[i] + betaSq;
        }
        double c = Math.sqrt(cSq);

        // For each team q: the teams placed the same as or below it, their largest mu (the
        // shift that keeps exp() finite), the sum of their exp((mu - shift) / c), and the
        // size of q's tie group.
        double[] shiftQ = new double[n];
        double[] sumQ = new double[n];
        int[] tiedQ = new int[n];
        for (int q = 0; q < n; q++) {
            double shift = Double.NEGATIVE_INFINITY;
            int tied = 0;
            for (int j = 0; j < n; j++) {
                if (ranks[j] >= ranks[q]) {
                    shift = Math.max(shift, teamMu[j]);
                }
                if (ranks[j] == ranks[q]) {
                    tied++;
                }
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                if (ranks[j] >= ranks[q]) {
                    sum += StrictMath.exp((teamMu[j] - shift) / c);
                }
            }
            shiftQ[q] = shift;
            sumQ[q] = sum;
            tiedQ[q] = tied;
        }

        List<List<Rating>> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // openskill adds (i == q ? 1 - p : -p) / a[q] term by term; adding 1 / a[i] once,
            // after the loop, is the same sum and gives tied equal teams bit-identical results
            // (the position of the 1 in the loop would otherwise differ by team).
            double sumP = 0;
            double delta = 0;
            for (int q = 0; q < n; q++) {
                if (ranks[q] > ranks[i]) {
                    continue;
                }
                // Team i is in q's group (it is placed the same as or below q), so mu_i <= shift.
                double p = StrictMath.exp((teamMu[i] - shiftQ[q]) / c) / sumQ[q];
                sumP += p / tiedQ[q];
                delta += p * (1 - p) / tiedQ[q];
            }
            double omega = 1.0 / tiedQ[i] - sumP;
            double gamma = Math.sqrt(teamSigmaSq[i]) / c;
            double teamOmega = omega * (teamSigmaSq[i] / c);
            double teamDelta = delta * (teamSigmaSq[i] / (c * c)) * gamma;
            result.add(updateTeam(teams.get(i), i, teamSigmaSq[i], teamOmega, teamDelta));
        }
        return Collections.unmodifiableList(result);
    }

    private void sumTeam(List<Rating> team, int teamIndex, double[] teamMu, double[] teamSigmaSq) {
        double muSum = 0;
        double sigmaSqSum = 0;
        if (!options.balance()) {
            for (int k = 0; k < team.size(); k++) {
                Rating player = team.get(k);
                double s = inflatedSigma(player);
                muSum += player.mu();
                sigmaSqSum += s * s;
            }
        } else {
            // openskill: weight 1 + (best - ordinal) / (best + kappa), ordinals from the
            // tau-inflated sigma.
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < team.size(); k++) {
                best = Math.max(best, inflatedOrdinal(team.get(k)));
            }
            double denominator = best + options.kappa();
            for (int k = 0; k < team.size(); k++) {
                Rating player = team.get(k);
                double factor = 1 + (best - inflatedOrdinal(player)) / denominator;
                muSum += player.mu() * factor;
                double s = inflatedSigma(player) * factor;
                sigmaSqSum += s * s;
            }
            if (!Double.isFinite(muSum) || !Double.isFinite(sigmaSqSum)) {
                throw new IllegalArgumentException("team " + teamIndex
                        + ": balance weights are not finite (best ordinal + kappa = " + denominator + ")");
            }
        }
        teamMu[teamIndex] = muSum;
        teamSigmaSq[teamIndex] = sigmaSqSum;
    }

    private List<Rating> updateTeam(
            List<Rating> team, int teamIndex, double teamSigmaSq, double teamOmega, double teamDelta) {
        Rating[] updated = new Rating[team.size()];
        for (int k = 0; k < updated.length; k++) {
            Rating player = team.get(k);
            double sigma = inflatedSigma(player);
            double sigmaSq = sigma * sigma;
            double share = sigmaSq / teamSigmaSq;
            double mu = player.mu() + share * teamOmega;
            double newSigma = sigma * Math.sqrt(Math.max(1 - share * teamDelta, options.kappa()));
            if (options.limitSigma() && options.tau() > 0) {
                newSigma = Math.min(newSigma, player.sigma());
            }
            if (!Double.isFinite(mu) || !(newSigma > 0) || !Double.isFinite(newSigma)) {
                throw new ArithmeticException("team " + teamIndex + " player " + k
                        + ": update is not finite (mu " + mu + ", sigma " + newSigma + ")");
            }
            updated[k] = new Rating(mu, newSigma);
        }
        return List.of(updated);
    }

    /** Sigma after dynamics, {@code sqrt(sigma^2 + tau^2)}; openskill squares it again where needed. */
    private double inflatedSigma(Rating player) {
        return Math.sqrt(player.sigma() * player.sigma() + tauSq);
    }

    private double inflatedOrdinal(Rating player) {
        return player.mu() - 3 * inflatedSigma(player);
    }

    private static void validate(List<List<Rating>> teams, int[] ranks) {
        if (teams == null) {
            throw new IllegalArgumentException("teams must not be null");
        }
        if (ranks == null) {
            throw new IllegalArgumentException("ranks must not be null");
        }
        if (teams.size() < 2) {
            throw new IllegalArgumentException("a match needs at least 2 teams, got " + teams.size());
        }
        if (ranks.length != teams.size()) {
            throw new IllegalArgumentException(
                    "ranks has " + ranks.length + " entries but there are " + teams.size() + " teams");
        }
        for (int i = 0; i < teams.size(); i++) {
            List<Rating> team = teams.get(i);
            if (team == null || team.isEmpty()) {
                throw new IllegalArgumentException("team " + i + " has no players");
            }
            for (int k = 0; k < team.size(); k++) {
                Rating player = team.get(k);
                if (player == null) {
                    throw new IllegalArgumentException("team " + i + " player " + k + " is null");
                }
                if (Math.abs(player.mu()) > MAX_ABS_MU) {
                    throw new IllegalArgumentException("team " + i + " player " + k + ": mu must be within +-"
                            + MAX_ABS_MU + ", got " + player.mu());
                }
                if (player.sigma() < MIN_SIGMA || player.sigma() > MAX_SIGMA) {
                    throw new IllegalArgumentException("team " + i + " player " + k + ": sigma must be within ["
                            + MIN_SIGMA + ", " + MAX_SIGMA + "], got " + player.sigma());
                }
            }
        }
    }
}
