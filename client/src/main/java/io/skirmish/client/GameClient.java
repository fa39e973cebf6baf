package io.skirmish.client;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.skirmish.kit.net.Transports;

/**
 * Shared resources of many game sessions: the event loops every bot's TCP and UDP channels run
 * on. One per process (a swarm of thousands of bots needs only a few threads).
 */
public final class GameClient implements AutoCloseable {

    private final Transports transport;
    private final EventLoopGroup group;
    private final ClientTls tls;

    public GameClient(int threads) {
        this(threads, ClientTls.plaintext());
    }

    /** Sessions of this client reach the game server's TCP port over {@code tls}. */
    public GameClient(int threads, ClientTls tls) {
        this.transport = Transports.best();
        this.group = transport.group(threads, "bot-io");
        this.tls = tls;
    }

    public ClientTls tls() {
        return tls;
    }

    public Transports transport() {
        return transport;
    }

    public EventLoopGroup group() {
        return group;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
