package io.skirmish.bots.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FloorShareTest {

    @Test
    void readsBackTheLineItWrites() {
        FloorShare share = new FloorShare(2000, 30, 10.0, 0.104, 0.203, 60_017, 59_999);

        assertThat(FloorShare.parse(share.line())).isEqualTo(share);
    }

    @Test
    void costsUserAndKernelPerPlayerTick() {
        // 0.1 + 0.2 cores for 2000 players at 30 Hz: 60,000 player-ticks a second.
        FloorShare share = new FloorShare(2000, 30, 10.0, 0.1, 0.2, 60_000, 60_000);

        assertThat(share.userMicrosPerPlayerTick()).isCloseTo(1.67, offset(0.01));
        assertThat(share.kernelMicrosPerPlayerTick()).isCloseTo(3.33, offset(0.01));
        assertThat(share.microsPerPlayerTick()).isCloseTo(5.0, offset(0.01));
    }

    @Test
    void refusesALineThatIsNotOneNamingIt() {
        assertThatThrownBy(() -> FloorShare.parse("floor-share players=12 seconds=x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("players=12");
        assertThatThrownBy(() -> FloorShare.parse("something else"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("something else");
    }

    @Test
    void reportsTheServerNextToTheFloorOfTheSamePlayerCount() {
        // Server: 0.66 cores of which 0.20 kernel, 2000 players at 30 Hz: 11.0 us per player-tick.
        StepResult step = new StepResult(2000, 2000, 2000, 15, 1, 2, 2, 2, 0.1, 0, 0, 0.66, 0.5, 1.2, 0.20, 0.2,
                60_000, 60_000, 3_000, 2_500, 30, 0, 60_000, 60_000, 20, 30, 40, 1000, 0, 0, 0,
                LatencySplit.UNKNOWN);
        BenchReport report = new BenchReport(new BenchReport.Run("now", "host", 2, "jvm", "cmd", 30, 2, 4, 5, 15, "gs"),
                List.of(step), Map.of(2000, new FloorShare(2000, 30, 10, 0.1, 0.2, 60_000, 60_000)));

        assertThat(report.floorTable()).contains("| 2000 | 0.66 | 7.7 / 3.3 / 11.0 | 1.7 / 3.3 / 5.0 | 2.2x (+6.0 us) |");
    }

    @Test
    void saysNotAvailableWithoutAFloor() {
        StepResult step = new StepResult(8, 8, 8, 15, 1, 2, 2, 2, 0.1, 0, 0, 0.01, 0.01, 0.1, 0.0, 0.0,
                240, 240, 3_000, 2_500, 1, 0, 240, 240, 20, 30, 40, 100, 0, 0, 0, LatencySplit.UNKNOWN);
        BenchReport report = new BenchReport(new BenchReport.Run("now", "host", 2, "jvm", "cmd", 30, 2, 4, 5, 15, "gs"),
                List.of(step));

        assertThat(report.floorTable()).contains("| n/a | n/a |");
    }
}
