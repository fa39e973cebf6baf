package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.LayeredDefaults;
import org.junit.jupiter.api.Test;

class SwarmMainTest {

    private static SwarmConfig parse(String... args) {
        SwarmMain main = new SwarmMain();
        CommandRunner.commandLine(main, new LayeredDefaults(Map.of())).parseArgs(args);
        return main.config("20261125-000000");
    }

    @Test
    void defaultsDescribeASmallLocalRun() {
        SwarmConfig config = parse();

        assertThat(config.bots()).isEqualTo(100);
        assertThat(config.match()).isEqualTo(new SwarmConfig.Address("127.0.0.1", 7600));
        assertThat(config.ranking()).isEqualTo(new SwarmConfig.Address("127.0.0.1", 7720));
        assertThat(config.playerPrefix()).isEqualTo("bot-20261125-000000");
        assertThat(config.report().slos()).isEmpty();
    }

    @Test
    void readsThresholdsServicesAndShares() {
        SwarmConfig config = parse("--bots=5000", "--slo=rtt-p99=100ms", "--slo=error-rate=1%",
                "--service=game-server=http://127.0.0.1:7780/metrics", "--misbehave-share=0.1", "--duration=2m");

        assertThat(config.report().slos()).hasSize(2);
        assertThat(config.report().services()).containsEntry("game-server", "http://127.0.0.1:7780/metrics");
        assertThat(config.shares().misbehave()).isEqualTo(0.1);
        assertThat(config.schedule().duration()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void refusesBadValuesNamingTheOption() {
        assertThatThrownBy(() -> parse("--bots=0")).isInstanceOf(ConfigException.class).hasMessageContaining("bots");
        assertThatThrownBy(() -> parse("--match-server=nowhere")).hasMessageContaining("match-server");
        assertThatThrownBy(() -> parse("--idle-share=0.7", "--reconnect-share=0.5")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> parse("--ramp-up=2m", "--duration=1m")).hasMessageContaining("ramp-up");
        assertThatThrownBy(() -> parse("--tick-rate=500")).hasMessageContaining("tick-rate");
        assertThatThrownBy(() -> parse("--slo=p99=1ms")).hasMessageContaining("p99");
    }

    @Test
    void aBadFlagExitsWithTheUsageStatusBeforeAnyBotStarts() {
        assertThat(CommandRunner.run(new SwarmMain(), "--bots=-3")).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(CommandRunner.run(new SwarmMain(), "--no-such-flag")).isEqualTo(CommandRunner.EXIT_USAGE);
    }
}
