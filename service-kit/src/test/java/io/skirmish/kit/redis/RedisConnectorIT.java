package io.skirmish.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.skirmish.testkit.junit.RedisClusterTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisClusterEndpoint;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

/** One configuration string, one client type, on a single node and on a cluster alike. */
@Timeout(120)
class RedisConnectorIT {

    private static final String SCRIPT = "redis.call('SET', KEYS[1], ARGV[1]); "
            + "redis.call('SET', KEYS[2], ARGV[1]); return redis.call('GET', KEYS[2])";

    private static void usableForScriptsOnOneHashTag(UnifiedJedis redis) {
        Object reply = redis.eval(SCRIPT, List.of("skirmish:{t}:a", "skirmish:{t}:b"), List.of("v"));

        assertThat(reply).isEqualTo("v");
        assertThat(RedisConnector.readiness(redis).notReadyReason()).isNull();
    }

    @Nested
    @RedisTest
    class SingleNode {
        @Test
        void connectsFromARedisUrl(RedisEndpoint endpoint) {
            RedisAddress address = RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port());
            try (UnifiedJedis redis = RedisConnector.open(address, "it", Duration.ofSeconds(2))) {
                usableForScriptsOnOneHashTag(redis);
            }
        }
    }

    @Nested
    @RedisClusterTest
    class Cluster {
        @Test
        void connectsFromAClusterUrl(RedisClusterEndpoint endpoint) {
            String seeds = endpoint.nodes().stream().map(Object::toString).collect(Collectors.joining(","));
            RedisAddress address = RedisAddress.parse("redis-cluster://" + seeds);
            try (UnifiedJedis redis = RedisConnector.open(address, "it", Duration.ofSeconds(2))) {
                usableForScriptsOnOneHashTag(redis);
            }
        }
    }

    @Test
    void reportsAnUnreachableRedisAsNotReady() {
        RedisAddress nowhere = RedisAddress.parse("redis://127.0.0.1:1");
        try (UnifiedJedis redis = RedisConnector.open(nowhere, "it", Duration.ofMillis(200))) {
            assertThat(RedisConnector.readiness(redis).notReadyReason()).startsWith("redis unreachable");
        }
    }
}
