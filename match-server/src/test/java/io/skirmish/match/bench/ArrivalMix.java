package io.skirmish.match.bench;

import io.skirmish.match.rules.QueueMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What arrives in the benchmark's queues: a realistic mix of modes, regions, parties and skills,
 * drawn from a seeded {@link Random} so that runs are comparable. Pure; one thread.
 *
 * <ul>
 *   <li>Modes: duel 40 %, squad 35 %, ffa 25 % of tickets.</li>
 *   <li>Regions: weights 5:3:2 over the first three regions (equal beyond three).</li>
 *   <li>Parties (squad only): solo 60 %, pairs 25 %, trios 15 %.</li>
 *   <li>Skill per player: mu ~ normal(25, 8) clipped to [0, 50], sigma uniform in [2, 25/3].</li>
 *   <li>Measured RTT: 15-45 ms to the ticket's own region, 80-250 ms to the others.</li>
 * </ul>
 */
final class ArrivalMix {

    /** One player's rating, as the ranking-server would store it. */
    record Rating(String playerId, QueueMode mode, double mu, double sigma) {
    }

    /** One ticket: the leader (first) and party members, with their ratings. */
    record Ticket(int index, QueueMode mode, String region, List<Rating> players, Map<String, Integer> rttMs) {
        String leader() {
            return players.get(0).playerId();
        }

        List<String> members() {
            List<String> ids = new ArrayList<>(players.size() - 1);
            for (int i = 1; i < players.size(); i++) {
                ids.add(players.get(i).playerId());
            }
            return ids;
        }
    }

    private static final double MU = 25;
    private static final double MU_SPREAD = 8;

    private final Random random;
    private final List<String> regions;
    private final double[] regionWeights;
    private final String idPrefix;

    ArrivalMix(long seed, List<String> regions, String idPrefix) {
        this.random = new Random(seed);
        this.regions = List.copyOf(regions);
        this.idPrefix = idPrefix;
        this.regionWeights = new double[regions.size()];
        double[] first = {5, 3, 2};
        for (int i = 0; i < regionWeights.length; i++) {
            regionWeights[i] = i < first.length ? first[i] : first[first.length - 1];
        }
    }

    /** The {@code index}-th ticket (indexes must be asked in order for a reproducible run). */
    Ticket next(int index) {
        QueueMode mode = mode(random.nextDouble());
        String region = regions.get(pick(regionWeights, random.nextDouble()));
        int size = mode == QueueMode.SQUAD ? partySize(random.nextDouble()) : 1;
        List<Rating> players = new ArrayList<>(size);
        for (int member = 0; member < size; member++) {
            double mu = Math.max(0, Math.min(50, MU + random.nextGaussian() * MU_SPREAD));
            double sigma = 2 + random.nextDouble() * (25.0 / 3.0 - 2);
            players.add(new Rating(idPrefix + index + (member == 0 ? "" : "m" + member), mode, mu, sigma));
        }
        Map<String, Integer> rtts = new LinkedHashMap<>();
        for (String other : regions) {
            rtts.put(other, other.equals(region) ? 15 + random.nextInt(31) : 80 + random.nextInt(171));
        }
        return new Ticket(index, mode, region, players, rtts);
    }

    static QueueMode mode(double u) {
        if (u < 0.40) {
            return QueueMode.DUEL;
        }
        return u < 0.75 ? QueueMode.SQUAD : QueueMode.FFA;
    }

    static int partySize(double u) {
        if (u < 0.60) {
            return 1;
        }
        return u < 0.85 ? 2 : 3;
    }

    /** Players per ticket on average under this mix (for sizing). */
    static double playersPerTicket() {
        return 0.40 + 0.25 + 0.35 * (0.60 + 2 * 0.25 + 3 * 0.15);
    }

    private static int pick(double[] weights, double u) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double at = u * total;
        for (int i = 0; i < weights.length; i++) {
            at -= weights[i];
            if (at < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
