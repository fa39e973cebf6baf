package io.skirmish.testkit.process;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.HostAndPort;

/** The master nodes of a Redis Cluster; any one of them is enough for a cluster client to discover the rest. */
public record RedisClusterEndpoint(List<HostAndPort> nodes) {
    public RedisClusterEndpoint {
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster endpoint needs at least one node: " + nodes);
        }
        nodes = List.copyOf(nodes);
    }

    /** The node set in the form {@code RedisClusterClient.create(Set)} takes. */
    public Set<HostAndPort> nodeSet() {
        return new LinkedHashSet<>(nodes);
    }

    @Override
    public String toString() {
        return nodes.toString();
    }
}
