package io.skirmish.logship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.LayeredDefaults;
import io.skirmish.kit.redis.RedisAddress;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LogShipperMainTest {

    private static LogShipperMain parse(Map<String, String> env, String... args) {
        LogShipperMain main = new LogShipperMain();
        CommandLine commandLine = CommandRunner.commandLine(main, new LayeredDefaults(env));
        commandLine.parseArgs(args);
        return main;
    }

    @Test
    void defaultsSuitOneMachine() {
        LogShipperConfig config = parse(Map.of()).config();
        assertThat(config.elasticsearch()).hasToString("http://127.0.0.1:9200");
        assertThat(config.redis()).hasToString("redis://127.0.0.1:6379");
        assertThat(config.stream()).isEqualTo("skirmish:events");
        assertThat(config.deadLetterStream()).isEqualTo("skirmish:events:dead");
        assertThat(config.group()).isEqualTo("logship");
        assertThat(config.indexPrefix()).isEqualTo("skirmish-events");
        assertThat(config.opsPort()).isEqualTo(7980);
        assertThat(config.consumerName()).matches("[A-Za-z0-9._-]+-\\d+");
    }

    @Test
    void theFlagsDefaultsAreTheConfigurationsDefaults() {
        LogShipperConfig fromFlags = parse(Map.of(), "--consumer-name=one").config();

        assertThat(fromFlags).isEqualTo(LogShipperConfig.builder("one", RedisAddress.parse("redis://127.0.0.1:6379"),
                URI.create("http://127.0.0.1:9200")).build());
    }

    @Test
    void theBuilderValidatesNamingTheOption() {
        LogShipperConfig.Builder builder = LogShipperConfig.builder("one", RedisAddress.parse("redis://127.0.0.1:6379"),
                URI.create("http://127.0.0.1:9200"));

        assertThatThrownBy(() -> builder.readBatch(500).maxInFlight(100).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("max-in-flight=100");
    }

    @Test
    void readsTheStackEnvironmentVariables() {
        LogShipperConfig config = parse(Map.of("SKIRMISH_ELASTICSEARCH_URL", "http://127.0.0.1:19200",
                "SKIRMISH_REDIS_URL", "redis://127.0.0.1:16379", "SKIRMISH_OPS_PORT", "17980")).config();
        assertThat(config.elasticsearch()).hasToString("http://127.0.0.1:19200");
        assertThat(config.redis()).hasToString("redis://127.0.0.1:16379");
        assertThat(config.opsPort()).isEqualTo(17980);
    }

    @Test
    void refusesBadValuesNamingTheOption() {
        assertThatThrownBy(() -> parse(Map.of(), "--elasticsearch-url=ftp://x").config())
                .isInstanceOf(ConfigException.class).hasMessageContaining("elasticsearch-url=ftp://x");
        assertThatThrownBy(() -> parse(Map.of(), "--index-prefix=Skirmish").config())
                .isInstanceOf(ConfigException.class).hasMessageContaining("index-prefix=Skirmish");
        assertThatThrownBy(() -> parse(Map.of(), "--read-batch=5000", "--max-in-flight=100").config())
                .isInstanceOf(ConfigException.class).hasMessageContaining("max-in-flight=100");
        assertThatThrownBy(() -> parse(Map.of(), "--retry-min-backoff=10s", "--retry-max-backoff=1s").config())
                .isInstanceOf(ConfigException.class).hasMessageContaining("retry-max-backoff");
        assertThatThrownBy(() -> parse(Map.of(), "--stream-trim-interval=-5s").config())
                .isInstanceOf(ConfigException.class).hasMessageContaining("stream-trim-interval");
    }

    @Test
    void badFlagsExitWithStatusTwoAndHelpWithZero() {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(CommandRunner.run(new LogShipperMain(), Map.of(), "--no-such-flag")).isEqualTo(2);
            assertThat(CommandRunner.run(new LogShipperMain(), Map.of(), "--read-batch=many")).isEqualTo(2);
            assertThat(CommandRunner.run(new LogShipperMain(), Map.of(), "--flush-interval=soon")).isEqualTo(2);
            assertThat(CommandRunner.run(new LogShipperMain(), Map.of(), "--bulk-actions=0")).isEqualTo(2);
            assertThat(CommandRunner.run(new LogShipperMain(), Map.of(), "--help")).isZero();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("--elasticsearch-url", "--claim-idle", "--stream-retention", "invalid configuration bulk-actions=0");
    }
}
