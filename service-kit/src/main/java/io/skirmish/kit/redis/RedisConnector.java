package io.skirmish.kit.redis;

import java.time.Duration;

import io.skirmish.kit.ops.ReadinessCheck;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Opens the one Redis client a process shares between its threads. {@link UnifiedJedis} is
 * the common type of Jedis 8's {@link RedisClient} and {@link RedisClusterClient}, so every
 * store written against it runs on a single node and on a cluster alike (keys that a script
 * touches together share a hash tag).
 */
public final class RedisConnector {

    private RedisConnector() {
    }

    public static UnifiedJedis open(RedisAddress address, String clientName, Duration timeout) {
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .clientName(clientName)
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .build();
        if (address.cluster()) {
            return RedisClusterClient.builder()
                    .nodes(address.nodes())
                    .clientConfig(config)
                    .build();
        }
        return RedisClient.builder()
                .hostAndPort(address.nodes().iterator().next())
                .clientConfig(config)
                .build();
    }

    /** Ready while Redis answers PING. */
    public static ReadinessCheck readiness(UnifiedJedis redis) {
        return () -> {
            try {
                redis.ping();
                return null;
            } catch (RuntimeException e) {
                return "redis unreachable: " + e.getClass().getSimpleName();
            }
        };
    }
}
