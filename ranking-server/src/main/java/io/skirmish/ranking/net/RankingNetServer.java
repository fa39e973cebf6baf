package io.skirmish.ranking.net;

import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.kit.net.Transports;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.tcp.EnvelopeDecoder;
import io.skirmish.protocol.tcp.FrameDecoder;
import io.skirmish.protocol.tcp.FrameEncoder;
import io.skirmish.ranking.board.BoardQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client TCP port of the ranking-server: frames ({@link FrameDecoder}, 64 KiB limit), the
 * {@code skirmish.ranking.v1} envelope, and {@link RankingSessionHandler}. Queries run on a
 * fixed pool of query threads with a bounded queue ({@value #QUEUE_PER_THREAD} per thread);
 * when it is full a query is answered {@code SERVER_BUSY} with a retry hint instead of
 * queueing without bound. A connection silent for {@code idleTimeoutSeconds} is closed.
 */
public final class RankingNetServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RankingNetServer.class);
    static final int QUEUE_PER_THREAD = 1_024;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ThreadPoolExecutor queryExecutor;
    private final Channel channel;

    private RankingNetServer(EventLoopGroup boss, EventLoopGroup workers, ThreadPoolExecutor queryExecutor, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.queryExecutor = queryExecutor;
        this.channel = channel;
    }

    public static RankingNetServer bind(String host, int port, int ioThreads, int queryThreads, int idleTimeoutSeconds,
                                        BoardQueries queries, QueryMetrics metrics) throws InterruptedException {
        Transports transport = Transports.best();
        EventLoopGroup boss = transport.group(1, "ranking-tcp-accept");
        EventLoopGroup workers = transport.group(ioThreads, "ranking-tcp");
        ThreadPoolExecutor executor = new ThreadPoolExecutor(queryThreads, queryThreads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queryThreads * QUEUE_PER_THREAD), new DefaultThreadFactory("ranking-query", true),
                new ThreadPoolExecutor.AbortPolicy());
        RateLimitedLog badInputLog = RateLimitedLog.perMinute(LOG);
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new IdleStateHandler(idleTimeoutSeconds, 0, 0, TimeUnit.SECONDS))
                                    .addLast(new FrameDecoder())
                                    .addLast(new EnvelopeDecoder<>(ClientMessage.getDefaultInstance()))
                                    .addLast(new FrameEncoder())
                                    .addLast(new RankingSessionHandler(queries, executor, metrics, badInputLog));
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).sync().channel();
            LOG.info("ranking queries listening tcp={} transport={} queryThreads={}", channel.localAddress(), transport,
                    queryThreads);
            return new RankingNetServer(boss, workers, executor, channel);
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            executor.shutdownNow();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        queryExecutor.shutdown();
        try {
            queryExecutor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
