package io.skirmish.ranking.net;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.kit.net.ConnectionErrorHandler;
import io.skirmish.kit.net.Transports;
import io.skirmish.kit.net.guard.GuardTimeoutHandler;
import io.skirmish.kit.net.guard.TcpGuards;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.tcp.EnvelopeDecoder;
import io.skirmish.protocol.tcp.FrameDecoder;
import io.skirmish.protocol.tcp.FrameEncoder;
import io.skirmish.ranking.board.BoardQueries;
import io.skirmish.kit.redis.link.RedisCommand;
import io.skirmish.kit.redis.link.RedisLink;
import io.skirmish.kit.redis.link.RedisLogin;
import io.skirmish.kit.redis.link.RedisTarget;
import io.skirmish.kit.redis.link.RespWriter;
import io.skirmish.kit.redis.link.TurnFlusher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client TCP port of the ranking-server: frames ({@link FrameDecoder}, 64 KiB limit), the
 * {@code skirmish.ranking.v1} envelope, then a chain of small named handlers composed in
 * {@link #initRequestChain}: one flush per loop turn ({@link TurnFlushHandler}), guard timeouts
 * told as protocol errors ({@link GuardTimeoutHandler}), the connection's in-flight limit
 * ({@link InFlightLimitHandler}), the query dispatcher ({@link QueryDispatcher}) and the
 * connection's end ({@link ConnectionErrorHandler}), all answering through {@link QueryRefusals}.
 * Queries are answered on the event loops themselves: each of the {@code ioThreads} loops owns
 * one {@link RedisLink}, a pipelined Redis connection that every client connection of that loop
 * shares, so a query never changes threads and the queries of one loop turn share one Redis round
 * trip. At most {@value #MAX_IN_FLIGHT_PER_LOOP} queries wait for Redis per loop; beyond that a
 * query is answered {@code SERVER_BUSY} with a retry hint, and one connection may have at most
 * {@value #MAX_IN_FLIGHT_PER_CONNECTION} of them (it is not read while it has that many), so a
 * client pipelining a burst cannot take the loop's link from the others. Every connection first
 * passes the port's {@link TcpGuards} (caps, TLS, backpressure, idle close).
 */
public final class RankingNetServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RankingNetServer.class);
    static final int MAX_IN_FLIGHT_PER_LOOP = 4_096;
    /**
     * Queries of one connection waiting for Redis at once; a loop's link takes
     * {@value #MAX_IN_FLIGHT_PER_LOOP}, so one pipelining client leaves most of it to the others.
     */
    static final int MAX_IN_FLIGHT_PER_CONNECTION = 64;
    static final String IDLE_REASON = "no query within the idle timeout";
    /** The Jedis socket timeout of the rest of the process. */
    static final long REDIS_REPLY_TIMEOUT_MS = 2_000;
    private static final long FIRST_CONNECT_TIMEOUT_MS = 10_000;

    /** What the client connections of one event loop share. */
    private record LoopQueries(TurnFlusher flusher, RedisLink link) {
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final List<RedisLink> links;
    private final Channel channel;

    private RankingNetServer(EventLoopGroup boss, EventLoopGroup workers, List<RedisLink> links, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.links = links;
        this.channel = channel;
    }

    /**
     * Connects one Redis link per event loop (waiting up to 10 s for each), then binds.
     *
     * @param redis    the node serving the ranking slot
     * @param blocking runs the blocking look-up of that node (cluster topology) off the loops
     * @param linkName names the Redis connections ({@code CLIENT SETNAME}), e.g. the instance id
     * @param nanoClock monotonic nanoseconds: query durations and the links' reply timeout
     */
    public static RankingNetServer bind(String host, int port, int ioThreads, TcpGuards guards,
                                        BoardQueries queries, QueryMetrics metrics, RedisTarget redis,
                                        RedisLogin login, Executor blocking, String linkName, LongSupplier nanoClock)
            throws InterruptedException {
        Transports transport = Transports.best();
        EventLoopGroup boss = transport.group(1, "ranking-tcp-accept");
        EventLoopGroup workers = transport.group(ioThreads, "ranking-tcp");
        Map<EventLoop, LoopQueries> perLoop = new IdentityHashMap<>();
        List<RedisLink> links = new ArrayList<>();
        try {
            for (EventExecutor executor : workers) {
                EventLoop loop = (EventLoop) executor;
                TurnFlusher flusher = new TurnFlusher(loop);
                String name = linkName + "-q" + links.size();
                RedisLink link = new RedisLink(name, flusher, transport.socketChannel(), redis, blocking, login,
                        MAX_IN_FLIGHT_PER_LOOP, REDIS_REPLY_TIMEOUT_MS, List.of(clientName(name)), nanoClock);
                links.add(link);
                perLoop.put(loop, new LoopQueries(flusher, link));
            }
            awaitConnected(links);
            QueryRefusals refusals = new QueryRefusals(metrics, RateLimitedLog.perMinute(LOG));
            GuardTimeoutHandler timeouts = GuardTimeoutHandler.idleOnly(IDLE_REASON);
            ConnectionErrorHandler errors = new ConnectionErrorHandler(refusals);
            FrameEncoder frameEncoder = new FrameEncoder();
            EnvelopeDecoder<ClientMessage> envelopeDecoder = new EnvelopeDecoder<>(ClientMessage.getDefaultInstance());
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            // Runs on the channel's loop, after registration: its link is that loop's.
                            LoopQueries shared = perLoop.get(ch.eventLoop());
                            guards.install(ch);
                            ch.pipeline()
                                    .addLast(new FrameDecoder())
                                    .addLast(envelopeDecoder)
                                    .addLast(frameEncoder);
                            initRequestChain(ch, shared.flusher(), timeouts,
                                    new QueryDispatcher(queries, shared.link()::send, refusals, metrics, nanoClock),
                                    refusals, errors);
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).sync().channel();
            LOG.info("ranking queries listening tcp={} transport={} ioThreads={} (one pipelined redis link each)",
                    channel.localAddress(), transport, ioThreads);
            return new RankingNetServer(boss, workers, links, channel);
        } catch (RuntimeException | InterruptedException e) {
            links.forEach(RedisLink::close);
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * The request chain after the codecs, in order. Replies written by the dispatcher pass the
     * in-flight limit (which counts them as answers) and the turn's flush on their way out.
     */
    static void initRequestChain(Channel ch, TurnFlusher flusher, GuardTimeoutHandler timeouts,
                                 QueryDispatcher dispatcher, QueryRefusals refusals, ConnectionErrorHandler errors) {
        ch.pipeline()
                .addLast("turn-flush", new TurnFlushHandler(flusher))
                .addLast("guard-timeouts", timeouts)
                .addLast("in-flight-limit", new InFlightLimitHandler(MAX_IN_FLIGHT_PER_CONNECTION, refusals))
                .addLast("queries", dispatcher)
                .addLast("errors", errors);
    }

    private static void awaitConnected(List<RedisLink> links) throws InterruptedException {
        List<CompletableFuture<Void>> connected = links.stream().map(RedisLink::start).toList();
        try {
            CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new))
                    .get(FIRST_CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("query links could not connect to redis within "
                    + FIRST_CONNECT_TIMEOUT_MS + " ms", e);
        }
    }

    private static RedisCommand clientName(String name) {
        return out -> {
            RespWriter.array(out, 3);
            RespWriter.bulk(out, "CLIENT");
            RespWriter.bulk(out, "SETNAME");
            RespWriter.bulk(out, name.replaceAll("[^A-Za-z0-9._-]", "_")); // CLIENT SETNAME refuses spaces
        };
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        links.forEach(RedisLink::close);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
