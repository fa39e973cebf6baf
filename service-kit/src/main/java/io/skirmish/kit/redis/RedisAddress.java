package io.skirmish.kit.redis;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.skirmish.kit.config.ConfigException;
import redis.clients.jedis.HostAndPort;

/**
 * Where Redis is, parsed from one configuration string so that switching between a single
 * node and a cluster is a configuration change, not a code change:
 * <pre>
 *   redis://127.0.0.1:6379                              one node
 *   redis-cluster://127.0.0.1:7000,127.0.0.1:7001       seed nodes of a Redis Cluster
 * </pre>
 */
public record RedisAddress(boolean cluster, Set<HostAndPort> nodes) {

    public static final String KEY = "redis-url";
    private static final int DEFAULT_PORT = 6379;

    public RedisAddress {
        if (nodes.isEmpty()) {
            throw new ConfigException(KEY, nodes, "expected at least one host:port");
        }
        if (!cluster && nodes.size() > 1) {
            throw new ConfigException(KEY, nodes, "several nodes need the redis-cluster:// scheme");
        }
        nodes = Set.copyOf(nodes);
    }

    public static RedisAddress parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigException(KEY, url, "expected redis://host:port or redis-cluster://host:port,...");
        }
        String text = url.trim();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw new ConfigException(KEY, url, "missing scheme: expected redis:// or redis-cluster://");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean cluster = switch (scheme) {
            case "redis" -> false;
            case "redis-cluster" -> true;
            default -> throw new ConfigException(KEY, url, "unknown scheme '" + scheme
                    + "': expected redis:// or redis-cluster://");
        };
        String rest = text.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        for (String part : rest.split(",")) {
            nodes.add(parseNode(url, part.trim()));
        }
        return new RedisAddress(cluster, nodes);
    }

    private static HostAndPort parseNode(String url, String node) {
        if (node.isEmpty()) {
            throw new ConfigException(KEY, url, "empty host in node list");
        }
        URI uri;
        try {
            uri = URI.create("redis://" + node);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(KEY, url, "cannot parse node '" + node + "'");
        }
        if (uri.getHost() == null) {
            throw new ConfigException(KEY, url, "cannot parse node '" + node + "'");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new HostAndPort(uri.getHost(), port);
    }

    /** Nodes in a stable order, for logs. */
    public List<String> describeNodes() {
        List<String> described = new ArrayList<>();
        nodes.forEach(node -> described.add(node.toString()));
        described.sort(String::compareTo);
        return described;
    }

    @Override
    public String toString() {
        return (cluster ? "redis-cluster://" : "redis://") + String.join(",", describeNodes());
    }
}
