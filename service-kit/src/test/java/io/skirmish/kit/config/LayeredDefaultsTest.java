package io.skirmish.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.skirmish.kit.cli.CommandRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class LayeredDefaultsTest {

    @Command(name = "probe")
    static final class ProbeCommand {
        @Option(names = "--redis-url", defaultValue = "redis://127.0.0.1:6379")
        String redisUrl;

        @Option(names = "--tick-rate", defaultValue = "30")
        int tickRate;
    }

    @TempDir
    Path dir;

    @Test
    void annotationDefaultAppliesWhenNothingElseIsSet() {
        ProbeCommand command = parse(Map.of());

        assertThat(command.redisUrl).isEqualTo("redis://127.0.0.1:6379");
        assertThat(command.tickRate).isEqualTo(30);
    }

    @Test
    void environmentOverridesFileAndFlagOverridesEnvironment() throws IOException {
        Path file = dir.resolve("skirmish.properties");
        Files.writeString(file, "redis-url=redis://file:1\ntick-rate=60\n");
        Map<String, String> env = Map.of(
                "SKIRMISH_CONFIG", file.toString(),
                "SKIRMISH_REDIS_URL", "redis://env:2");

        ProbeCommand fromLayers = parse(env);
        ProbeCommand fromFlag = parse(env, "--redis-url", "redis://flag:3");

        assertThat(fromLayers.redisUrl).isEqualTo("redis://env:2");
        assertThat(fromLayers.tickRate).isEqualTo(60);
        assertThat(fromFlag.redisUrl).isEqualTo("redis://flag:3");
    }

    @Test
    void unreadableConfigFileIsNamedInTheError() {
        String missing = dir.resolve("absent.properties").toString();

        assertThatThrownBy(() -> new LayeredDefaults(Map.of("SKIRMISH_CONFIG", missing)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SKIRMISH_CONFIG=" + missing);
    }

    @Test
    void environmentNameIsUpperSnakeCaseWithPrefix() {
        assertThat(LayeredDefaults.environmentName("udp-port")).isEqualTo("SKIRMISH_UDP_PORT");
    }

    private static ProbeCommand parse(Map<String, String> env, String... args) {
        ProbeCommand command = new ProbeCommand();
        CommandLine commandLine = CommandRunner.commandLine(command, new LayeredDefaults(env));
        commandLine.parseArgs(args);
        return command;
    }
}
