package io.skirmish.kit.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.skirmish.kit.config.ConfigException;
import redis.clients.jedis.HostAndPort;

/**
 * Where Redis is and how to log in, parsed from one configuration string so that switching
 * between a single node and a cluster, plaintext and TLS, is a configuration change:
 * <pre>
 *   redis://127.0.0.1:6379                                    one node, no password
 *   redis://skirmish-match:s3cret@10.0.0.5:6379               one node, ACL user and password
 *   rediss://skirmish-match:s3cret@redis.internal:6380         the same over TLS
 *   redis-cluster://127.0.0.1:7000,127.0.0.1:7001             seed nodes of a Redis Cluster
 *   rediss-cluster://user:pw@10.0.0.5:7000,10.0.0.6:7000       a cluster over TLS
 * </pre>
 * User and password are URL-encoded in the string ({@code %40} for {@code @}); a password alone
 * ({@code redis://:pw@host}) logs in as the {@code default} user. TLS trusts the JVM's trust store
 * ({@code -Djavax.net.ssl.trustStore=...} for a private CA). The password never appears in
 * {@link #toString()} or in an error message.
 *
 * @param user     ACL user, or null for {@code default}
 * @param password password, or null for none
 */
public record RedisAddress(boolean cluster, Set<HostAndPort> nodes, boolean tls, String user, String password) {

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

    /** A plaintext address without credentials. */
    public RedisAddress(boolean cluster, Set<HostAndPort> nodes) {
        this(cluster, nodes, false, null, null);
    }

    public static RedisAddress parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigException(KEY, url, "expected redis://[user:password@]host:port, rediss:// (TLS) "
                    + "or redis-cluster://host:port,...");
        }
        String text = url.trim();
        String shown = masked(text);
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw new ConfigException(KEY, shown, "missing scheme: expected redis://, rediss://, redis-cluster:// "
                    + "or rediss-cluster://");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean cluster;
        boolean tls;
        switch (scheme) {
            case "redis" -> { cluster = false; tls = false; }
            case "rediss" -> { cluster = false; tls = true; }
            case "redis-cluster" -> { cluster = true; tls = false; }
            case "rediss-cluster" -> { cluster = true; tls = true; }
            default -> throw new ConfigException(KEY, shown, "unknown scheme '" + scheme
                    + "': expected redis://, rediss://, redis-cluster:// or rediss-cluster://");
        }
        String rest = text.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(rawUser);
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            if (user != null && password == null) {
                throw new ConfigException(KEY, shown, "user '" + user + "' without a password (user:password@host)");
            }
        }
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        for (String part : rest.split(",")) {
            nodes.add(parseNode(shown, part.trim()));
        }
        return new RedisAddress(cluster, nodes, tls, user, password);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL with its password replaced by {@code ***}, for messages. */
    static String masked(String url) {
        int schemeEnd = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (schemeEnd < 0 || at < schemeEnd) {
            return url;
        }
        String userInfo = url.substring(schemeEnd + 3, at);
        int colon = userInfo.indexOf(':');
        return colon < 0 ? url : url.substring(0, schemeEnd + 3) + userInfo.substring(0, colon) + ":***" + url.substring(at);
    }

    private static HostAndPort parseNode(String shown, String node) {
        if (node.isEmpty()) {
            throw new ConfigException(KEY, shown, "empty host in node list");
        }
        URI uri;
        try {
            uri = URI.create("redis://" + node);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(KEY, shown, "cannot parse node '" + node + "'");
        }
        if (uri.getHost() == null) {
            throw new ConfigException(KEY, shown, "cannot parse node '" + node + "'");
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
        String scheme = (tls ? "rediss" : "redis") + (cluster ? "-cluster" : "");
        String credentials = user == null && password == null ? "" : (user == null ? "" : user) + ":***@";
        return scheme + "://" + credentials + String.join(",", describeNodes());
    }
}
