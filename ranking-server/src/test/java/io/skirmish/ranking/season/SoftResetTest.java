package io.skirmish.ranking.season;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.skirmish.ranking.rating.Rating;
import org.junit.jupiter.api.Test;

class SoftResetTest {

    private static final double MU0 = 25;
    private static final double SIGMA0 = 25.0 / 3;

    @Test
    void pullsTheMeanPartWayBackAndWidensSigmaUpToTheNewPlayersSigma() {
        SoftReset reset = new SoftReset(MU0, SIGMA0, 0.5, 2.0);
        Rating strong = reset.apply(new Rating(45, 2));
        assertThat(strong.mu()).isCloseTo(35, within(1e-12));
        assertThat(strong.sigma()).isCloseTo(4, within(1e-12));
        Rating weak = reset.apply(new Rating(5, 7.5));
        assertThat(weak.mu()).isCloseTo(15, within(1e-12));
        assertThat(weak.sigma()).isEqualTo(SIGMA0);
    }

    @Test
    void factorOneAndNoDeltaKeepsRatings() {
        Rating rating = new Rating(31.5, 3.25);
        assertThat(new SoftReset(MU0, SIGMA0, 1, 0).apply(rating)).isEqualTo(rating);
    }

    @Test
    void factorZeroWithLargeDeltaIsAFullReset() {
        assertThat(new SoftReset(MU0, SIGMA0, 0, 100).apply(new Rating(40, 1))).isEqualTo(new Rating(MU0, SIGMA0));
    }

    @Test
    void neverShrinksASigmaAlreadyAboveTheCap() {
        assertThat(new SoftReset(MU0, SIGMA0, 0.5, 1).apply(new Rating(25, 9)).sigma()).isEqualTo(9);
    }

    @Test
    void refusesParametersOutOfRange() {
        assertThatThrownBy(() -> new SoftReset(MU0, SIGMA0, 1.5, 0)).hasMessageContaining("factor");
        assertThatThrownBy(() -> new SoftReset(MU0, SIGMA0, 0.5, -1)).hasMessageContaining("delta");
        assertThatThrownBy(() -> new SoftReset(MU0, 0, 0.5, 1)).hasMessageContaining("sigma0");
    }

    @Test
    void seasonDefinitionRoundTripsThroughItsHashFields() {
        SeasonInfo info = new SeasonInfo("2027-s1", "2026-s4", 1_790_000_000_000L, new SoftReset(MU0, SIGMA0, 0.7, 1.5));
        assertThat(SeasonInfo.fromFields(info.toFields())).isEqualTo(info);
        assertThat(SeasonInfo.isValidId("bad id")).isFalse();
        assertThat(SeasonInfo.isValidId("x".repeat(33))).isFalse();
    }
}
