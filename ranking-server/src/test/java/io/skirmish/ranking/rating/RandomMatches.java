package io.skirmish.ranking.rating;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/** Seeded random players and matches for the property tests; a failing seed replays exactly. */
final class RandomMatches {

    static final int SEEDS = 200;

    private final SplittableRandom random;

    RandomMatches(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static LongStream seeds() {
        return LongStream.range(0, SEEDS);
    }

    /** Mostly ordinary players, sometimes very sure, very unsure or far from the default. */
    Rating player() {
        return switch (random.nextInt(6)) {
            case 0 -> new Rating(random.nextDouble(-500, 500), random.nextDouble(0.001, 0.1));
            case 1 -> new Rating(random.nextDouble(-500, 500), random.nextDouble(20, 200));
            case 2 -> new Rating(random.nextDouble(-1e5, 1e5), random.nextDouble(0.5, 10));
            default -> new Rating(random.nextDouble(0, 50), random.nextDouble(0.5, 25.0 / 3));
        };
    }

    List<Rating> team(int size) {
        List<Rating> team = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            team.add(player());
        }
        return List.copyOf(team);
    }

    /** Two to eight teams of one to four players. */
    List<List<Rating>> teams() {
        int n = random.nextInt(2, 9);
        List<List<Rating>> teams = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            teams.add(team(random.nextInt(1, 5)));
        }
        return List.copyOf(teams);
    }

    /** Ranks between -3 and 5, so ties are common. */
    int[] ranks(int n) {
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            ranks[i] = random.nextInt(-3, 6);
        }
        return ranks;
    }

    /** A permutation of 0..n-1. */
    int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    int nextInt(int origin, int bound) {
        return random.nextInt(origin, bound);
    }
}
