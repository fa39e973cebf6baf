package io.skirmish.kit.redis.link;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.skirmish.kit.redis.RedisAddress;
import redis.clients.jedis.HostAndPort;

import javax.net.ssl.SSLException;

/**
 * How a {@link RedisLink} logs in on each new connection, from the same {@code --redis-url} as
 * the process's Jedis client: TLS ({@code rediss://}, trusting the JVM's trust store and checking
 * the host name) and {@code AUTH [user] password} as the first command. Immutable.
 */
public final class RedisLogin {

    private final SslContext tls;
    private final String user;
    private final String password;

    private RedisLogin(SslContext tls, String user, String password) {
        this.tls = tls;
        this.user = user;
        this.password = password;
    }

    public static RedisLogin of(RedisAddress address) {
        SslContext tls = null;
        if (address.tls()) {
            try {
                tls = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot set up TLS to Redis: " + e.getMessage(), e);
            }
        }
        return new RedisLogin(tls, address.user(), address.password());
    }

    /** No TLS, no AUTH (tests). */
    public static RedisLogin none() {
        return new RedisLogin(null, null, null);
    }

    boolean tls() {
        return tls != null;
    }

    /** The TLS handler for a connection to {@code node}, or null for plaintext. */
    ChannelHandler tlsHandler(ByteBufAllocator alloc, HostAndPort node) {
        return tls == null ? null : tls.newHandler(alloc, node.getHost(), node.getPort());
    }

    /** The AUTH command, or null when the address has no password. */
    RedisCommand auth() {
        if (password == null) {
            return null;
        }
        return out -> {
            RespWriter.array(out, user == null ? 2 : 3);
            RespWriter.bulk(out, "AUTH");
            if (user != null) {
                RespWriter.bulk(out, user);
            }
            RespWriter.bulk(out, password);
        };
    }
}
