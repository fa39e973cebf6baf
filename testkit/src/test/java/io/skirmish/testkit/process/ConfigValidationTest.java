package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {
    private static final Path WORK = Path.of("target");

    @Test
    void elasticsearchVersionComesFromTheParentPom() {
        assertThat(ElasticsearchConfig.defaults(WORK).version()).isEqualTo("8.19.21");
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> new ElasticsearchConfig(WORK, "8.19.21", 0, 0, "lots", List.of(), "c", Duration.ofSeconds(1), Map.of()))
                .hasMessageContaining("heap").hasMessageContaining("lots");
        assertThatThrownBy(() -> new RedisServerConfig(WORK, 70_000, List.of(), Duration.ofSeconds(1), false))
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> new RedisClusterConfig(WORK, 2, Duration.ofSeconds(1)))
                .hasMessageContaining("at least 3");
    }

    @Test
    void extraRedisArgsComeAfterTheDefaults() {
        RedisServerConfig config = RedisServerConfig.defaults(WORK).withExtraArgs("--appendonly", "yes");

        assertThat(config.extraArgs()).containsExactly("--appendonly", "yes");
    }
}
