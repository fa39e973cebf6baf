package io.skirmish.testkit.process;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Short-lived single connections for fixture chores (PING, SHUTDOWN, FLUSHALL, CLUSTER INFO) and
 * for tests that must talk to one particular node.
 */
public final class RedisAdmin {
    private RedisAdmin() {
    }

    /**
     * A plain connection with a bounded socket timeout. It speaks the server's default protocol
     * (RESP2) without HELLO negotiation, which the bundled 6.2 binary and 7.x both accept and which
     * keeps the old {@code Jedis} class from logging a RESP3 warning on every connection.
     */
    public static Jedis connect(HostAndPort node, int timeoutMs) {
        return new Jedis(node, DefaultJedisClientConfig.builder()
                .timeoutMillis(timeoutMs)
                .serverDefaultProtocol()
                .build());
    }

    public static Jedis connect(RedisEndpoint endpoint, int timeoutMs) {
        return connect(endpoint.hostAndPort(), timeoutMs);
    }
}
