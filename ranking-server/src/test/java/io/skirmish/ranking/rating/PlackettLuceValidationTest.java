package io.skirmish.ranking.rating;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class PlackettLuceValidationTest {

    private static final Rating PLAYER = new Rating(25, 8);

    private final PlackettLuce model = new PlackettLuce();

    @Test
    void rejectsASingleTeam() {
        assertThatThrownBy(() -> model.rate(List.of(List.of(PLAYER)), new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a match needs at least 2 teams, got 1");
    }

    @Test
    void rejectsAnEmptyTeam() {
        assertThatThrownBy(() -> model.rate(List.of(List.of(PLAYER), List.of()), new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("team 1 has no players");
    }

    @Test
    void rejectsRanksOfAnotherLength() {
        assertThatThrownBy(() -> model.rate(List.of(List.of(PLAYER), List.of(PLAYER)), new int[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ranks has 3 entries but there are 2 teams");
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> model.rate(null, new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("teams must not be null");
        assertThatThrownBy(() -> model.rate(List.of(List.of(PLAYER), List.of(PLAYER)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ranks must not be null");
        List<List<Rating>> withNullTeam = new ArrayList<>(Arrays.asList(List.of(PLAYER), null));
        assertThatThrownBy(() -> model.rate(withNullTeam, new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("team 1 has no players");
        List<List<Rating>> withNullPlayer = List.of(List.of(PLAYER), Arrays.asList(PLAYER, null));
        assertThatThrownBy(() -> model.rate(withNullPlayer, new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("team 1 player 1 is null");
    }

    @Test
    void rejectsRatingsOutsideTheSupportedRange() {
        assertThatThrownBy(() -> model.rate(List.of(List.of(PLAYER), List.of(new Rating(2e9, 1))), new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("team 1 player 0: mu must be within");
        assertThatThrownBy(() -> model.rate(List.of(List.of(new Rating(1, 1e-12)), List.of(PLAYER)), new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("team 0 player 0: sigma must be within");
    }

    @Test
    void ratingRejectsNonFiniteMuAndNonPositiveSigma() {
        assertThatThrownBy(() -> new Rating(Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mu must be a finite number, got NaN");
        assertThatThrownBy(() -> new Rating(1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sigma must be a finite positive number, got -1.0");
        assertThatThrownBy(() -> new Rating(1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rating(1, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsRejectBadValuesNamingThem() {
        RatingOptions d = RatingOptions.DEFAULTS;
        assertThatThrownBy(() -> d.withMu(Double.NaN)).hasMessage("mu must be a finite number, got NaN");
        assertThatThrownBy(() -> d.withSigma(0)).hasMessage("sigma must be a finite positive number, got 0.0");
        assertThatThrownBy(() -> d.withBeta(-1)).hasMessage("beta must be a finite positive number, got -1.0");
        assertThatThrownBy(() -> d.withKappa(0)).hasMessage("kappa must be a finite positive number, got 0.0");
        assertThatThrownBy(() -> d.withKappa(2)).hasMessage("kappa must be at most 1, got 2.0");
        assertThatThrownBy(() -> d.withTau(-0.1)).hasMessage("tau must be a finite number >= 0, got -0.1");
        assertThatThrownBy(() -> d.withTau(Double.POSITIVE_INFINITY))
                .hasMessage("tau must be a finite number >= 0, got Infinity");
    }

    @Test
    void balanceWithABestOrdinalOfMinusKappaIsRejectedNotNaN() {
        // openskill divides by (best ordinal + kappa), here 0 / 0, and returns NaN.
        PlackettLuce balanced = new PlackettLuce(RatingOptions.DEFAULTS.withBalance(true).withTau(0).withKappa(0.5));
        Rating bestAtMinusKappa = new Rating(2.5, 1);
        Rating below = new Rating(-10, 1);

        assertThatThrownBy(() -> balanced.rate(List.of(List.of(bestAtMinusKappa, below), List.of(PLAYER)), new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("team 0: balance weights are not finite");
    }
}
