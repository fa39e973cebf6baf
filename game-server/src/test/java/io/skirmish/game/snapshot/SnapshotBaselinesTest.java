package io.skirmish.game.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotBaselinesTest {

    private final SnapshotBaselines baselines = new SnapshotBaselines(4, 8);

    private static SnapshotFrame frame(long tick) {
        SnapshotFrame frame = new SnapshotFrame(8);
        frame.clear(tick);
        frame.add(1, (int) tick, 0, 0, 100, 1);
        return frame;
    }

    @Test
    void findsRecentFramesAndForgetsOldOnes() {
        for (long tick = 1; tick <= 10; tick++) {
            baselines.store(frame(tick));
        }

        assertThat(baselines.find(10).xCm[0]).isEqualTo(10);
        assertThat(baselines.find(7).xCm[0]).isEqualTo(7);
        assertThat(baselines.find(6)).isNull();
        assertThat(baselines.find(11)).isNull();
        assertThat(baselines.find(0)).isNull();
    }

    @Test
    void resetForgetsEverything() {
        baselines.store(frame(3));

        baselines.reset();

        assertThat(baselines.find(3)).isNull();
    }
}
