package io.skirmish.kit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.LayeredDefaults;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ServerOptionsTest {

    @Command(name = "some-server")
    static final class SomeServer {
        @Mixin
        ServerOptions serverOptions = new ServerOptions();
    }

    private static ServerOptions parse(Map<String, String> environment, String... args) {
        SomeServer server = new SomeServer();
        CommandRunner.commandLine(server, new LayeredDefaults(environment)).parseArgs(args);
        return server.serverOptions;
    }

    @Test
    void defaultsToLoopbackAndTheLocalRedis() {
        ServerOptions options = parse(Map.of());

        assertThat(options.bindHost()).isEqualTo("127.0.0.1");
        assertThat(options.redis()).hasToString("redis://127.0.0.1:6379");
    }

    @Test
    void readsFlagsBeforeTheEnvironment() {
        ServerOptions options = parse(Map.of("SKIRMISH_REDIS_URL", "redis://10.0.0.5:6379",
                "SKIRMISH_BIND_HOST", "0.0.0.0"), "--redis-url", "redis-cluster://10.0.0.6:7000,10.0.0.7:7000");

        assertThat(options.bindHost()).isEqualTo("0.0.0.0");
        assertThat(options.redis().cluster()).isTrue();
    }

    @Test
    void refusesABadRedisUrlNamingTheOption() {
        ServerOptions options = parse(Map.of(), "--redis-url", "http://nowhere");

        assertThatThrownBy(options::redis).isInstanceOf(ConfigException.class).hasMessageContaining("redis-url");
    }
}
