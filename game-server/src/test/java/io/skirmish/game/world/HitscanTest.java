package io.skirmish.game.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class HitscanTest {

    @Test
    void hitsCircleAheadAtItsNearEdge() {
        assertThat(Hitscan.distanceToCircle(0, 0, 1, 0, 10, 0, 0.5f, 30)).isCloseTo(9.5f, offset(1e-5f));
    }

    @Test
    void grazesWithinRadius() {
        assertThat(Hitscan.distanceToCircle(0, 0, 1, 0, 10, 0.49f, 0.5f, 30)).isLessThan(Hitscan.MISS);
        assertThat(Hitscan.distanceToCircle(0, 0, 1, 0, 10, 0.51f, 0.5f, 30)).isEqualTo(Hitscan.MISS);
    }

    @Test
    void missesBehindTheShooter() {
        assertThat(Hitscan.distanceToCircle(0, 0, 1, 0, -10, 0, 0.5f, 30)).isEqualTo(Hitscan.MISS);
    }

    @Test
    void missesBeyondRange() {
        assertThat(Hitscan.distanceToCircle(0, 0, 1, 0, 40, 0, 0.5f, 30)).isEqualTo(Hitscan.MISS);
    }

    @Test
    void shooterInsideTheCircleHitsAtZero() {
        assertThat(Hitscan.distanceToCircle(0, 0, 1, 0, 0.2f, 0, 0.5f, 30)).isZero();
    }
}
