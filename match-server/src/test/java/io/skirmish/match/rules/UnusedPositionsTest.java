package io.skirmish.match.rules;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class UnusedPositionsTest {

    @Test
    void findsTheNearestUnusedPositionOnEitherSide() {
        UnusedPositions positions = new UnusedPositions(6);
        positions.use(2);
        positions.use(3);

        assertThat(positions.atOrBelow(3)).isEqualTo(1);
        assertThat(positions.atOrAbove(2)).isEqualTo(4);
        assertThat(positions.atOrBelow(4)).as("an unused position is its own answer").isEqualTo(4);
        assertThat(positions.atOrBelow(-1)).isEqualTo(-1);
        assertThat(positions.atOrAbove(6)).isEqualTo(6);
    }

    @Test
    void answersPastTheEndsWhenEverythingThereIsUsed() {
        UnusedPositions positions = new UnusedPositions(4);
        positions.use(0);
        positions.use(1);
        positions.use(3);

        assertThat(positions.atOrBelow(1)).isEqualTo(-1);
        assertThat(positions.atOrAbove(3)).isEqualTo(4);
        assertThat(positions.atOrAbove(0)).isEqualTo(2);
    }

    @Test
    void agreesWithALinearScanAfterManyUsesAndLookups() {
        int size = 500;
        UnusedPositions positions = new UnusedPositions(size);
        boolean[] used = new boolean[size];
        Random random = new Random(7);
        for (int step = 0; step < 2_000; step++) {
            int p = random.nextInt(size);
            if (random.nextInt(3) == 0 && !used[p]) {
                used[p] = true;
                positions.use(p);
            }
            int below = p;
            while (below >= 0 && used[below]) {
                below--;
            }
            int above = p;
            while (above < size && used[above]) {
                above++;
            }
            assertThat(positions.atOrBelow(p)).isEqualTo(below);
            assertThat(positions.atOrAbove(p)).isEqualTo(above);
        }
    }
}
