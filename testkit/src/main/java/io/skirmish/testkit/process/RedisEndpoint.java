package io.skirmish.testkit.process;

import java.net.URI;
import redis.clients.jedis.HostAndPort;

/** Where a single Redis node listens. */
public record RedisEndpoint(String host, int port) {
    public RedisEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank: " + host);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** {@code redis://host:port}, the form Jedis' {@code RedisClient.create(URI)} accepts. */
    public URI uri() {
        return URI.create("redis://" + host + ":" + port);
    }

    public HostAndPort hostAndPort() {
        return new HostAndPort(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
