package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/** Process-level behaviour the fault tests and the run command rely on; each test owns its node. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisServerProcessIT {
    private static final Path WORK_DIR = Path.of(System.getProperty("skirmish.target.dir", "target"));

    @Test
    void killedNodeComesBackOnTheSamePortWithoutItsData() {
        try (RedisServerProcess redis = RedisServerProcess.start(RedisServerConfig.defaults(WORK_DIR))) {
            set(redis, "k", "v");

            redis.kill();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> get(redis, "k")).isInstanceOf(RuntimeException.class);

            redis.start();
            assertThat(get(redis, "k")).as("no persistence by default").isNull();
        }
    }

    @Test
    void extraArgsTurnPersistenceOnSoDataSurvivesARestart() {
        RedisServerConfig config = RedisServerConfig.defaults(WORK_DIR).withExtraArgs("--appendonly", "yes");
        try (RedisServerProcess redis = RedisServerProcess.start(config)) {
            set(redis, "k", "v");

            redis.restart();

            assertThat(get(redis, "k")).isEqualTo("v");
        }
    }

    @Test
    void startFailureShowsTheRedisLog() {
        RedisServerConfig config = RedisServerConfig.defaults(WORK_DIR).withExtraArgs("--no-such-option", "1");

        assertThatThrownBy(() -> RedisServerProcess.start(config))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("no-such-option");
    }

    @Test
    void runCommandFallsBackToTheRedisServerBundledInEmbeddedRedis() {
        // An empty PATH stands for a machine without Redis; embedded-redis is on the test class path.
        RedisServerConfig config = RedisServerConfig.defaults(WORK_DIR).withBundledBinaryFallback(true);
        try (RedisServerProcess redis = new RedisServerProcess(config, Map.of("PATH", ""))) {
            redis.start();

            assertThat(redis.binary().getFileName().toString()).startsWith("redis-server-6.2.");
            try (Jedis jedis = RedisAdmin.connect(redis.endpoint(), 1_000)) {
                assertThat(jedis.info("server")).contains("redis_version:6.2.");
            }
        }
    }

    // A fresh client per call: a pooled connection to a killed node stays broken until discarded.
    private static void set(RedisServerProcess redis, String key, String value) {
        try (RedisClient client = RedisClient.create(redis.endpoint().uri())) {
            client.set(key, value);
        }
    }

    private static String get(RedisServerProcess redis, String key) {
        try (RedisClient client = RedisClient.create(redis.endpoint().uri())) {
            return client.get(key);
        }
    }
}
