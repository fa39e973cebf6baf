package io.skirmish.ranking.rating;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatingTest {

    @Test
    void ordinalIsMuMinusThreeSigma() {
        assertThat(new Rating(30, 2).ordinal()).isEqualTo(24);
    }

    @Test
    void newPlayerShowsOneThousand() {
        Rating fresh = RatingOptions.DEFAULTS.newRating();

        assertThat(fresh).isEqualTo(new Rating(25, 25.0 / 3));
        assertThat(fresh.ordinal()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(fresh.display()).isEqualTo(1000);
    }

    @Test
    void displayIsFortyPointsPerOrdinalPointClampedAtZero() {
        assertThat(new Rating(30, 2).display()).isEqualTo(1000 + 40 * 24);
        assertThat(new Rating(10, 1).display()).isEqualTo(1000 + 40 * 7);
        assertThat(new Rating(-20, 8).display()).isEqualTo(0);
        assertThat(new Rating(24.99, 8.33).display()).isEqualTo(Math.round(1000 + 40 * (24.99 - 3 * 8.33)));
    }

    @Test
    void displaySortsLikeTheOrdinal() {
        Rating a = new Rating(28, 3);
        Rating b = new Rating(35, 6);

        assertThat(Long.compare(a.display(), b.display()))
                .isEqualTo((int) Math.signum(Double.compare(a.ordinal(), b.ordinal())));
    }
}
