package io.skirmish.kit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.DevMode;
import io.skirmish.kit.config.LayeredDefaults;
import io.skirmish.kit.keys.ConnectKeyOptions;
import io.skirmish.protocol.token.KeyRingSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The mixins every server main shares: ops port, instance id, --dev and the key files. */
class SharedOptionsTest {

    @Command(name = "some-server")
    static final class SomeServer {
        @Mixin
        OpsPortOptions ops = new OpsPortOptions(7780);

        @Mixin
        InstanceIdOptions instance = new InstanceIdOptions();

        @Mixin
        DevMode dev = new DevMode();

        @Mixin
        ConnectKeyOptions keyFiles = new ConnectKeyOptions();
    }

    private static SomeServer parse(Map<String, String> environment, String... args) {
        SomeServer server = new SomeServer();
        CommandRunner.commandLine(server, new LayeredDefaults(environment)).parseArgs(args);
        return server;
    }

    @Test
    void theOpsPortDefaultsToTheServicesOwn() {
        assertThat(parse(Map.of()).ops.opsPort()).isEqualTo(7780);
        assertThat(new CommandLine(new SomeServer()).getUsageMessage().replaceAll("\\s+", " "))
                .contains("HTTP port of /metrics, /health, /ready (default: 7780)");
    }

    @Test
    void theOpsPortReadsTheEnvironmentAndFlagsFirst() {
        assertThat(parse(Map.of("SKIRMISH_OPS_PORT", "17780")).ops.opsPort()).isEqualTo(17780);
        assertThat(parse(Map.of("SKIRMISH_OPS_PORT", "17780"), "--ops-port", "27780").ops.opsPort()).isEqualTo(27780);
    }

    @Test
    void anInstanceIdIsTheConfiguredOneOrTheHostWithARandomSuffix() {
        assertThat(parse(Map.of(), "--instance-id", "match-a").instance.instanceId("match")).isEqualTo("match-a");
        assertThat(parse(Map.of()).instance.instanceId("match")).matches("[A-Za-z0-9._-]+-[0-9a-f]{8}");
    }

    @Test
    void devModeIsOffUnlessAsked() {
        assertThat(parse(Map.of()).dev.enabled()).isFalse();
        assertThat(parse(Map.of(), "--dev").dev.enabled()).isTrue();
        assertThat(parse(Map.of("SKIRMISH_DEV", "true")).dev.enabled()).isTrue();
    }

    @Test
    void connectKeysNeedAFileWithoutDev() {
        SomeServer server = parse(Map.of());

        assertThatThrownBy(() -> server.keyFiles.connectKeys(server.dev, LoggerFactory.getLogger(SharedOptionsTest.class)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("connect-keys");
    }

    @Test
    void devModeFallsBackToThePublicDevelopmentKeys() {
        SomeServer server = parse(Map.of(), "--dev", "--key-check-interval", "2s");

        KeyRingSource keys = server.keyFiles.connectKeys(server.dev, LoggerFactory.getLogger(SharedOptionsTest.class));

        assertThat(keys).isNotNull();
        assertThat(server.keyFiles).extracting("keyCheckInterval").isEqualTo(Duration.ofSeconds(2));
    }
}
