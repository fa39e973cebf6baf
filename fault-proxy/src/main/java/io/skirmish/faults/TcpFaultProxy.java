package io.skirmish.faults;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.buffer.ByteBuf;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy from a listen address to an upstream address that applies its
 * {@link FaultControl}'s profile to every byte both ways (see {@link StreamConduit}).
 *
 * <p>Each accepted connection opens its own upstream connection on the same event loop; if the
 * upstream refuses, the client's connection is closed, as a dead peer would be seen.
 */
public final class TcpFaultProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpFaultProxy.class);
    /** Per direction: bytes waiting before the reader pauses at half of it. */
    private static final long MAX_BUFFERED_BYTES = 4L << 20;
    private static final long CUT_CHECK_MS = 20;

    private final InetSocketAddress upstream;
    private final FaultControl control;
    private final NanoClock clock;
    private final FaultCounters counters = new FaultCounters();
    private final SplittableRandom seeds;
    private final EventLoopGroup group;
    private final Channel server;
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private long seenCut;

    /**
     * Binds {@code listen} now; {@code seed} makes the jitter and loss reproducible.
     */
    public TcpFaultProxy(InetSocketAddress listen, InetSocketAddress upstream, FaultControl control, NanoClock clock,
                         long seed) {
        this.upstream = upstream;
        this.control = control;
        this.clock = clock;
        this.seeds = new SplittableRandom(seed);
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.seenCut = control.cutGeneration();
        try {
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel client) {
                            connectUpstream(client);
                        }
                    })
                    .bind(listen).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        group.next().scheduleAtFixedRate(this::cutIfAsked, CUT_CHECK_MS, CUT_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public FaultCounters counters() {
        return counters;
    }

    private void connectUpstream(SocketChannel client) {
        counters.connections.incrementAndGet();
        StreamPacer up = new StreamPacer(seeds.split());
        StreamPacer down = new StreamPacer(seeds.split());
        ChannelFuture connect = new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(upstream);
        connect.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                client.close();
                return;
            }
            Channel backend = f.channel();
            StreamConduit toUpstream = new StreamConduit(client, backend, control, clock, up, counters,
                    MAX_BUFFERED_BYTES);
            StreamConduit toClient = new StreamConduit(backend, client, control, clock, down, counters,
                    MAX_BUFFERED_BYTES);
            client.pipeline().addLast(new ConduitHandler(toUpstream));
            backend.pipeline().addLast(new ConduitHandler(toClient));
            track(client);
            track(backend);
            client.config().setAutoRead(true);
            backend.config().setAutoRead(true);
        });
    }

    private void track(Channel channel) {
        open.add(channel);
        channel.closeFuture().addListener(f -> open.remove(channel));
    }

    private void cutIfAsked() {
        long generation = control.cutGeneration();
        if (generation != seenCut) {
            seenCut = generation;
            int cut = 0;
            for (Channel channel : open) {
                // SO_LINGER 0: the peer sees a reset, as after a partition outlasting its timeouts.
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
                channel.close();
                cut++;
            }
            counters.cut.addAndGet(cut / 2);
            LOG.info("fault proxy cut connections listen={} upstream={} connections={}", address(), upstream, cut / 2);
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        open.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Feeds one side's reads and end of stream into its conduit. */
    private static final class ConduitHandler extends ChannelInboundHandlerAdapter {
        private final StreamConduit conduit;

        ConduitHandler(StreamConduit conduit) {
            this.conduit = conduit;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            conduit.onData((ByteBuf) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            conduit.onSourceClosed();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A reset from a peer: the other side sees the connection end, after what was in flight.
            ctx.close();
        }
    }
}
