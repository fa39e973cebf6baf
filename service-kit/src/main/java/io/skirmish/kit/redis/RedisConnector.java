package io.skirmish.kit.redis;

import java.time.Duration;

import io.skirmish.kit.ops.ReadinessCheck;
import redis.clients.jedis.ConnectionPoolConfig;
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
        return open(address, clientName, timeout, DEFAULT_MAX_CONNECTIONS);
    }

    /** Jedis's own default pool size. */
    public static final int DEFAULT_MAX_CONNECTIONS = 8;

    /**
     * As {@link #open(RedisAddress, String, Duration)}, with room for {@code maxConnections}
     * concurrent commands (per node on a cluster): a process with more threads that talk to
     * Redis at once than the default 8 (a pub/sub subscription holds one for good) waits for a
     * connection instead of for Redis.
     */
    public static UnifiedJedis open(RedisAddress address, String clientName, Duration timeout, int maxConnections) {
        // user/password: AUTH on every pooled connection (an ACL user per service, see
        // docs/security.md); ssl: rediss://, trusting the JVM's trust store.
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .clientName(clientName)
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .user(address.user())
                .password(address.password())
                .ssl(address.tls())
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        if (address.cluster()) {
            return RedisClusterClient.builder()
                    .nodes(address.nodes())
                    .clientConfig(config)
                    .poolConfig(pool)
                    .build();
        }
        return RedisClient.builder()
                .hostAndPort(address.nodes().iterator().next())
                .clientConfig(config)
                .poolConfig(pool)
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
