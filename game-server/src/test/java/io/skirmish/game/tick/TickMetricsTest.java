package io.skirmish.game.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.world.ArenaRules;
import io.skirmish.game.world.MatchMode;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

class TickMetricsTest {

    private static final int HZ = 30;
    private final CachedNanoClock clock = new CachedNanoClock();
    private final TickConfig config = new TickConfig(HZ, 4, 16, 1 << 16, 1 << 20, 1 << 20,
            Duration.ofSeconds(2), Duration.ofSeconds(1), 1);

    @Test
    void samplesEveryLaneOfAMultiLaneServerAgainAndAgain() {
        List<TickLane> lanes = List.of(new TickLane(0, config, ArenaRules.standard(), clock, () -> { }),
                new TickLane(1, config, ArenaRules.standard(), clock, () -> { }));
        for (TickLane lane : lanes) {
            lane.host(new MatchSpec("m" + lane.id(), MatchMode.DUEL, "eu", List.of("a" + lane.id(), "b" + lane.id()),
                    0.9, 0));
        }
        TickMetrics metrics = new TickMetrics(lanes, HZ);
        long interval = lanes.get(0).agent().schedule().intervalNs();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 10; i++) {
                clock.advance(interval);
                lanes.forEach(lane -> lane.agent().doWork());
            }
            // Each lane's recorder only accepts its own histograms back: one shared recycle threw here.
            metrics.sample();
        }
        assertThat(metrics.sinceStart().getTotalCount()).isEqualTo(60);
        assertThat(metrics.headroom()).isGreaterThan(0.0);
    }

    @Test
    void publishesEachResidenceStageOfEveryLaneAsPercentilesOfTheLastSecond() {
        List<TickLane> lanes = List.of(new TickLane(0, config, ArenaRules.standard(), clock, () -> { }),
                new TickLane(1, config, ArenaRules.standard(), clock, () -> { }));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TickMetrics metrics = new TickMetrics(lanes, HZ).bindTo(registry);
        lanes.get(0).residence().record(ResidenceStats.Stage.INPUT_TO_SOCKET, 0, 2_000_000);
        lanes.get(1).residence().record(ResidenceStats.Stage.INPUT_TO_SOCKET, 0, 30_000_000);

        metrics.sample();

        assertThat(stage(registry, "input_to_socket", "max")).isCloseTo(0.030, within(0.0001));
        assertThat(stage(registry, "input_to_socket", "50")).isCloseTo(0.002, within(0.0001));
        assertThat(stage(registry, "tick_to_socket", "99")).isZero();

        metrics.sample();

        assertThat(stage(registry, "input_to_socket", "max")).as("an empty second keeps the last figures")
                .isCloseTo(0.030, within(0.0001));
    }

    private static double stage(SimpleMeterRegistry registry, String stage, String percentile) {
        return registry.get("game.latency.stage").tag("stage", stage).tag("percentile", percentile).gauge().value();
    }
}
