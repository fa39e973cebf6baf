package io.skirmish.match.queue;

import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups keys so that one script call may touch each group: all keys together on a single
 * Redis, keys of the same hash slot together on a cluster (a script must stay in one slot).
 * Immutable; thread-safe.
 */
final class SlotGroups {

    /** Keys that one call may touch, with their positions in the caller's list. */
    record Group(List<String> keys, List<Integer> indexes) {
    }

    private final boolean cluster;

    private SlotGroups(boolean cluster) {
        this.cluster = cluster;
    }

    static SlotGroups of(UnifiedJedis redis) {
        return new SlotGroups(redis instanceof RedisClusterClient);
    }

    static SlotGroups forCluster(boolean cluster) {
        return new SlotGroups(cluster);
    }

    List<Group> group(List<String> keys) {
        Map<Integer, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            int slot = cluster ? JedisClusterCRC16.getSlot(keys.get(i)) : 0;
            Group group = groups.computeIfAbsent(slot, s -> new Group(new ArrayList<>(), new ArrayList<>()));
            group.keys().add(keys.get(i));
            group.indexes().add(i);
        }
        return new ArrayList<>(groups.values());
    }
}
