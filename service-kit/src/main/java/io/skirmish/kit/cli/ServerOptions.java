package io.skirmish.kit.cli;

import io.skirmish.kit.redis.RedisAddress;
import picocli.CommandLine.Option;

/**
 * The flags every server process has, declared once (a picocli {@code @Mixin}): the address its
 * ports bind to and its Redis. Like every option they can also be set as
 * {@code SKIRMISH_BIND_HOST} / {@code SKIRMISH_REDIS_URL} or in the properties file. The ops
 * port is not here: each service has its own default, so that a whole stack fits one machine.
 */
public final class ServerOptions {

    @Option(names = "--bind-host", defaultValue = "127.0.0.1",
            description = "Address the service's ports bind to (default: ${DEFAULT-VALUE}).")
    String bindHost;

    @Option(names = "--redis-url", defaultValue = "redis://127.0.0.1:6379",
            description = "redis[s]://[user:password@]host:port or redis[s]-cluster://host:port,...; rediss = TLS "
                    + "(default: ${DEFAULT-VALUE}).")
    String redisUrl;

    public String bindHost() {
        return bindHost;
    }

    /** The Redis address; a bad URL fails naming {@code redis-url}. */
    public RedisAddress redis() {
        return RedisAddress.parse(redisUrl);
    }
}
