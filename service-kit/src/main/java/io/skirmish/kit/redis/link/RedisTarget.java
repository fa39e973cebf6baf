package io.skirmish.kit.redis.link;

import io.skirmish.kit.redis.RedisAddress;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Which Redis node a {@link RedisLink} talks to: the node of a {@code redis://} address, or on a
 * cluster the master that serves the slot of {@code slotKey} (for a service whose keys share one
 * hash tag, so that one node answers every command). {@link #resolve()} may block (it asks the cluster for
 * its topology); the link calls it off its event loop.
 */
@FunctionalInterface
public interface RedisTarget {

    HostAndPort resolve();

    static RedisTarget of(RedisAddress address, UnifiedJedis redis, String slotKey) {
        if (!address.cluster()) {
            HostAndPort node = address.nodes().iterator().next();
            return () -> node;
        }
        if (!(redis instanceof RedisClusterClient cluster)) {
            throw new IllegalArgumentException("a redis-cluster:// address needs a cluster client, got "
                    + redis.getClass().getSimpleName());
        }
        int slot = JedisClusterCRC16.getSlot(slotKey);
        return () -> {
            cluster.refreshClusterTopology();
            try (Connection connection = cluster.getConnectionFromSlot(slot)) {
                return connection.getHostAndPort();
            }
        };
    }
}
