package io.skirmish.game.world;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PositionHistoryTest {

    private final PositionHistory history = new PositionHistory(2, 4);

    @Test
    void returnsThePositionOfAnyTickStillHeld() {
        for (long tick = 1; tick <= 10; tick++) {
            history.record(tick, new float[] {tick, -tick}, new float[] {tick * 2, 0}, new boolean[] {true, tick % 2 == 0});
        }

        assertThat(history.x(8, 0)).isEqualTo(8f);
        assertThat(history.y(9, 0)).isEqualTo(18f);
        assertThat(history.x(7, 1)).isEqualTo(-7f);
        assertThat(history.alive(7, 1)).isFalse();
        assertThat(history.alive(8, 1)).isTrue();
    }

    @Test
    void clampsToTheOldestAndNewestHeld() {
        for (long tick = 1; tick <= 10; tick++) {
            history.record(tick, new float[] {tick, 0}, new float[] {0, 0}, new boolean[] {true, true});
        }

        assertThat(history.x(2, 0)).isEqualTo(7f);
        assertThat(history.x(99, 0)).isEqualTo(10f);
    }
}
