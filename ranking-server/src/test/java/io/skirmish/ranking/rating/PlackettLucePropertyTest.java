package io.skirmish.ranking.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of any sound rating update, over seeded random matches ({@link RandomMatches}). */
class PlackettLucePropertyTest {

    private final PlackettLuce model = new PlackettLuce();

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.skirmish.ranking.rating.RandomMatches#seeds")
    void winnerOfADuelNeverLosesMuAndLoserNeverGains(long seed) {
        RandomMatches random = new RandomMatches(seed);
        Rating winner = random.player();
        Rating loser = random.player();

        List<List<Rating>> after = model.rate(List.of(List.of(winner), List.of(loser)), new int[] {1, 2});

        assertThat(after.get(0).get(0).mu()).isGreaterThanOrEqualTo(winner.mu());
        assertThat(after.get(1).get(0).mu()).isLessThanOrEqualTo(loser.mu());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.skirmish.ranking.rating.RandomMatches#seeds")
    void sigmaNeverEndsAboveSigmaWithDynamics(long seed) {
        RandomMatches random = new RandomMatches(seed);
        List<List<Rating>> before = random.teams();
        double tau = model.options().tau();

        List<List<Rating>> after = model.rate(before, random.ranks(before.size()));

        forEachPlayer(before, after, (b, a) -> {
            assertThat(a.sigma()).isLessThanOrEqualTo(Math.sqrt(b.sigma() * b.sigma() + tau * tau));
            assertThat(a.sigma()).isPositive();
            assertThat(a.mu()).isFinite();
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.skirmish.ranking.rating.RandomMatches#seeds")
    void limitSigmaNeverLetsSigmaGrow(long seed) {
        RandomMatches random = new RandomMatches(seed);
        List<List<Rating>> before = random.teams();
        PlackettLuce limited = new PlackettLuce(RatingOptions.DEFAULTS.withLimitSigma(true).withTau(1));

        List<List<Rating>> after = limited.rate(before, random.ranks(before.size()));

        forEachPlayer(before, after, (b, a) -> assertThat(a.sigma()).isLessThanOrEqualTo(b.sigma()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.skirmish.ranking.rating.RandomMatches#seeds")
    void swappingTheRanksOfTwoTeamsChangesTheResult(long seed) {
        RandomMatches random = new RandomMatches(seed);
        List<List<Rating>> teams = List.of(random.team(random.nextInt(1, 4)), random.team(random.nextInt(1, 4)));

        List<List<Rating>> firstWins = model.rate(teams, new int[] {1, 2});
        List<List<Rating>> secondWins = model.rate(teams, new int[] {2, 1});

        assertThat(firstWins.get(0).get(0).mu()).isGreaterThan(secondWins.get(0).get(0).mu());
        assertThat(firstWins.get(1).get(0).mu()).isLessThan(secondWins.get(1).get(0).mu());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.skirmish.ranking.rating.RandomMatches#seeds")
    void tiedTeamsOfEqualPlayersGetEqualChanges(long seed) {
        RandomMatches random = new RandomMatches(seed);
        Rating same = random.player();
        int size = random.nextInt(1, 4);
        List<List<Rating>> teams = new ArrayList<>();
        teams.add(Collections.nCopies(size, same));
        teams.add(Collections.nCopies(size, same));
        int others = random.nextInt(0, 4);
        for (int i = 0; i < others; i++) {
            teams.add(random.team(random.nextInt(1, 4)));
        }
        int[] ranks = random.ranks(teams.size());
        ranks[1] = ranks[0];

        List<List<Rating>> after = model.rate(teams, ranks);

        for (int k = 0; k < size; k++) {
            assertThat(after.get(1).get(k)).isEqualTo(after.get(0).get(k));
            assertThat(after.get(0).get(k)).isEqualTo(after.get(0).get(0));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.skirmish.ranking.rating.RandomMatches#seeds")
    void aDrawBetweenEqualPlayersMovesNoMu(long seed) {
        RandomMatches random = new RandomMatches(seed);
        Rating same = random.player();
        int n = random.nextInt(2, 9);

        List<List<Rating>> after = model.rate(Collections.nCopies(n, List.of(same)), new int[n]);

        for (List<Rating> team : after) {
            assertThat(team.get(0).mu()).isCloseTo(same.mu(), within(1e-9 * Math.max(1, Math.abs(same.mu()))));
            assertThat(team.get(0)).isEqualTo(after.get(0).get(0));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.skirmish.ranking.rating.RandomMatches#seeds")
    void onlyTheOrderOfRanksMatters(long seed) {
        RandomMatches random = new RandomMatches(seed);
        List<List<Rating>> teams = random.teams();
        int[] ranks = random.ranks(teams.size());
        // A strictly increasing map keeps order and ties: r -> 7 r + 1000.
        int[] moved = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            moved[i] = 7 * ranks[i] + 1000;
        }

        assertThat(model.rate(teams, moved)).isEqualTo(model.rate(teams, ranks));
    }

    @Test
    void ranksOneTwoMeanTheSameAsFiveNine() {
        List<List<Rating>> teams = List.of(List.of(new Rating(20, 6)), List.of(new Rating(30, 3)));

        assertThat(model.rate(teams, new int[] {5, 9})).isEqualTo(model.rate(teams, new int[] {1, 2}));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.skirmish.ranking.rating.RandomMatches#seeds")
    void listingTheTeamsInAnotherOrderChangesNothingWhenRanksMoveWithThem(long seed) {
        RandomMatches random = new RandomMatches(seed);
        List<List<Rating>> teams = random.teams();
        int[] ranks = random.ranks(teams.size());
        int[] order = random.permutation(teams.size());
        List<List<Rating>> shuffledTeams = new ArrayList<>();
        int[] shuffledRanks = new int[ranks.length];
        for (int i = 0; i < order.length; i++) {
            shuffledTeams.add(teams.get(order[i]));
            shuffledRanks[i] = ranks[order[i]];
        }

        List<List<Rating>> after = model.rate(teams, ranks);
        List<List<Rating>> shuffledAfter = model.rate(shuffledTeams, shuffledRanks);

        for (int i = 0; i < order.length; i++) {
            List<Rating> expected = after.get(order[i]);
            List<Rating> actual = shuffledAfter.get(i);
            for (int k = 0; k < expected.size(); k++) {
                // Sums run in another order, so allow rounding, relative to the magnitudes.
                Rating e = expected.get(k);
                Rating a = actual.get(k);
                assertThat(a.mu()).isCloseTo(e.mu(), within(1e-9 * Math.max(1, Math.abs(e.mu()))));
                assertThat(a.sigma()).isCloseTo(e.sigma(), within(1e-9 * Math.max(1, e.sigma())));
            }
        }
    }

    @Test
    void staysFiniteWhereOpenskillsExponentialOverflows() {
        // openskill computes exp(teamMu / c); with c about 13 that overflows for team mu above
        // about 9000 and its result is NaN. The shifted exponentials here stay finite.
        List<List<Rating>> teams = List.of(List.of(new Rating(1e6, 1)), List.of(new Rating(1e6 - 5, 1)));

        List<List<Rating>> after = model.rate(teams, new int[] {2, 1});

        assertThat(after.get(0).get(0).mu()).isFinite().isLessThan(1e6);
        assertThat(after.get(1).get(0).mu()).isFinite().isGreaterThan(1e6 - 5);
    }

    @Test
    void returnsUnmodifiableListsInTheShapeOfTheInput() {
        List<List<Rating>> teams = List.of(
                List.of(new Rating(25, 8), new Rating(27, 5)), List.of(new Rating(24, 7)), List.of(new Rating(22, 2)));

        List<List<Rating>> after = model.rate(teams);

        assertThat(after).hasSize(3);
        assertThat(after.get(0)).hasSize(2);
        assertThat(after.get(1)).hasSize(1);
        assertThat(after.get(2)).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> after.get(0).set(0, new Rating(1, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private interface PlayerCheck {
        void check(Rating before, Rating after);
    }

    private static void forEachPlayer(List<List<Rating>> before, List<List<Rating>> after, PlayerCheck check) {
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).hasSameSizeAs(before.get(i));
            for (int k = 0; k < before.get(i).size(); k++) {
                check.check(before.get(i).get(k), after.get(i).get(k));
            }
        }
    }
}
