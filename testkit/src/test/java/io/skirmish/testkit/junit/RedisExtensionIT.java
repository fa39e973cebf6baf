package io.skirmish.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.testkit.process.RedisEndpoint;
import io.skirmish.testkit.process.RedisServerProcess;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClient;

@RedisTest(flushEachTest = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisExtensionIT {

    @Test
    void writesAndReadsThroughJedisRedisClient(RedisEndpoint endpoint) {
        try (RedisClient redis = RedisClient.create(endpoint.uri())) {
            redis.set("skirmish:test:greeting", "hello");
            redis.zadd("skirmish:test:board", 1500, "alice");
            redis.zadd("skirmish:test:board", 1700, "bob");

            assertThat(redis.get("skirmish:test:greeting")).isEqualTo("hello");
            assertThat(redis.zrevrank("skirmish:test:board", "bob")).isZero();
            assertThat(redis.zscore("skirmish:test:board", "alice")).isEqualTo(1500.0);
        }
    }

    @Test
    void eachTestStartsWithAnEmptyDatabaseAndTheSameSharedNode(RedisEndpoint endpoint, RedisServerProcess redis) {
        try (RedisClient client = RedisClient.create(endpoint.uri())) {
            assertThat(client.dbSize()).isZero();
        }
        assertThat(redis.endpoint()).isEqualTo(endpoint);
        assertThat(endpoint.host()).isEqualTo("127.0.0.1");
        assertThat(redis.logFile()).exists();
    }
}
