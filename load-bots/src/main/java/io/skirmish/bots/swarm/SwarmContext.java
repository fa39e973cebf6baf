package io.skirmish.bots.swarm;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.skirmish.client.ClientTls;
import io.skirmish.client.RankingConnection;
import io.skirmish.kit.net.Transports;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.ranking.v1.BoardRef;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

/**
 * What every bot of the swarm shares: the configuration, the statistics, the transport, and per
 * event loop one tick driver and one ranking-server connection (rank reads are rare and short, so
 * a connection per loop instead of per bot keeps thousands of sockets out of the way), and the
 * clocks: one nano clock for the tick drivers and the bots, so round trips are measured on the
 * scale the inputs were stamped with.
 */
final class SwarmContext implements AutoCloseable {

    private final SwarmConfig config;
    private final SwarmStats stats;
    private final Transports transport;
    private final EventLoopGroup group;
    private final ClientTls tls;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final Map<EventLoop, TickDriver> drivers = new ConcurrentHashMap<>();
    private final Map<EventLoop, CompletableFuture<RankingConnection>> rankings = new ConcurrentHashMap<>();

    SwarmContext(SwarmConfig config, SwarmStats stats, Transports transport, EventLoopGroup group,
                 NanoClock nanoClock, EpochClock epochClock) {
        this.config = config;
        this.stats = stats;
        this.transport = transport;
        this.group = group;
        this.tls = tls(config);
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
    }

    /** TLS trusting the configured certificates, or plaintext when none are configured. */
    static ClientTls tls(SwarmConfig config) {
        return config.tlsTrust() == null ? ClientTls.plaintext() : ClientTls.trusting(config.tlsTrust());
    }

    /** How every TCP connection of the swarm is made. */
    ClientTls tls() {
        return tls;
    }

    /** Stamps inputs (through the tick drivers), round trips, time to match and rank waits. */
    NanoClock nanoClock() {
        return nanoClock;
    }

    /** Compared with session expiry times, which the match-server sends as epoch ms. */
    EpochClock epochClock() {
        return epochClock;
    }

    SwarmConfig config() {
        return config;
    }

    SwarmStats stats() {
        return stats;
    }

    Transports transport() {
        return transport;
    }

    int tickRateHz() {
        return config.tickRateHz();
    }

    Duration rankTimeout() {
        return config.rankTimeout();
    }

    TickDriver driver(EventLoop loop) {
        return drivers.computeIfAbsent(loop, l -> new TickDriver(l, config.tickRateHz(), stats.botTicksSkipped,
                nanoClock).start());
    }

    /** The loop's ranking connection, reopened if it closed. */
    CompletableFuture<RankingConnection> ranking(EventLoop loop) {
        return rankings.compute(loop, (l, existing) -> {
            if (existing != null && (!existing.isDone() || (!existing.isCompletedExceptionally()
                    && existing.join().isOpen()))) {
                return existing;
            }
            return RankingConnection.connect(loop, transport, tls, config.ranking().host(), config.ranking().port());
        });
    }

    /** The mode's rating board of the running season. */
    BoardRef boardFor(GameMode mode) {
        return BoardRefs.season(ModeMix.nameOf(mode));
    }

    @Override
    public void close() {
        drivers.values().forEach(TickDriver::cancel);
        rankings.values().forEach(future -> future.thenAccept(RankingConnection::close));
    }
}
