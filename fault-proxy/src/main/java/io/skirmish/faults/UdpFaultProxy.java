package io.skirmish.faults;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.agrona.concurrent.NanoClock;

/**
 * A UDP proxy from a listen address to an upstream address that applies its
 * {@link FaultControl}'s profile to each datagram both ways (see {@link DatagramPlanner}).
 *
 * <p>Each client address gets its own upstream socket (a {@link UdpSession}), so the upstream
 * tells clients apart as it would without the proxy; sessions idle for {@code sessionIdle} are
 * closed. Bounded: at most {@link #MAX_SESSIONS} sessions and {@link #MAX_IN_FLIGHT} datagrams
 * waiting; above either, datagrams are dropped and counted as overflow.
 *
 * <p>Threading: one event loop runs every socket, timer and planner of the proxy.
 */
public final class UdpFaultProxy implements AutoCloseable {

    static final int MAX_SESSIONS = 4_096;
    static final int MAX_IN_FLIGHT = 65_536;
    /** Netty truncates datagrams above 2048 bytes unless told; the largest UDP payload fits. */
    private static final int MAX_DATAGRAM = 65_507;

    private final InetSocketAddress upstream;
    private final FaultControl control;
    private final NanoClock clock;
    private final long sessionIdleNs;
    private final FaultCounters counters = new FaultCounters();
    private final DatagramPlanner planner;
    private final EventLoopGroup group;
    private final Channel front;
    private final Map<InetSocketAddress, UdpSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public UdpFaultProxy(InetSocketAddress listen, InetSocketAddress upstream, FaultControl control, NanoClock clock,
                         long seed, long sessionIdleMs) {
        this.upstream = upstream;
        this.control = control;
        this.clock = clock;
        this.sessionIdleNs = TimeUnit.MILLISECONDS.toNanos(sessionIdleMs);
        this.planner = new DatagramPlanner(new SplittableRandom(seed));
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            front = datagramBootstrap(new FrontHandler()).bind(listen).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        front.eventLoop().scheduleAtFixedRate(this::closeIdleSessions, 1, 1, TimeUnit.SECONDS);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) front.localAddress();
    }

    public FaultCounters counters() {
        return counters;
    }

    int sessions() {
        return sessions.size();
    }

    private Bootstrap datagramBootstrap(SimpleChannelInboundHandler<DatagramPacket> handler) {
        return new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(handler);
    }

    /** Plans one datagram and schedules each of its deliveries on {@code via}. */
    private void forward(ByteBuf payload, Channel via, InetSocketAddress to) {
        long nowNs = clock.nanoTime();
        long[] deliveries = planner.plan(control.current(), nowNs, counters);
        for (long dueNs : deliveries) {
            if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
                inFlight.decrementAndGet();
                counters.overflow.incrementAndGet();
                continue;
            }
            ByteBuf copy = payload.retainedDuplicate();
            via.eventLoop().schedule(() -> deliver(copy, via, to), Math.max(0, dueNs - nowNs), TimeUnit.NANOSECONDS);
        }
    }

    private void deliver(ByteBuf payload, Channel via, InetSocketAddress to) {
        inFlight.decrementAndGet();
        // A datagram in flight when a partition starts is lost with it.
        if (control.current().partitioned() || !via.isActive()) {
            payload.release();
            counters.dropped.incrementAndGet();
            return;
        }
        counters.relayed.incrementAndGet();
        via.writeAndFlush(new DatagramPacket(payload, to));
    }

    private void closeIdleSessions() {
        long nowNs = clock.nanoTime();
        sessions.values().removeIf(session -> {
            boolean idle = nowNs - session.lastSeenNs > sessionIdleNs;
            if (idle) {
                session.channel.channel().close();
            }
            return idle;
        });
    }

    @Override
    public void close() {
        front.close().syncUninterruptibly();
        sessions.values().forEach(s -> s.channel.channel().close());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One client's upstream socket, and when the client was last heard. */
    private static final class UdpSession {
        final ChannelFuture channel;
        long lastSeenNs;

        UdpSession(ChannelFuture channel, long nowNs) {
            this.channel = channel;
            this.lastSeenNs = nowNs;
        }
    }

    /** Client to upstream: through the client's session socket. */
    private final class FrontHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress client = packet.sender();
            UdpSession session = sessions.get(client);
            if (session == null) {
                if (sessions.size() >= MAX_SESSIONS) {
                    counters.overflow.incrementAndGet();
                    return;
                }
                ChannelFuture bound = datagramBootstrap(new BackHandler(client))
                        .bind(new InetSocketAddress(upstream.getAddress(), 0));
                session = new UdpSession(bound, clock.nanoTime());
                sessions.put(client, session);
            }
            session.lastSeenNs = clock.nanoTime();
            ByteBuf payload = packet.content().retain();
            ChannelFuture bound = session.channel;
            if (bound.isDone()) {
                forwardAndRelease(payload, bound, upstream);
            } else {
                bound.addListener(f -> forwardAndRelease(payload, bound, upstream));
            }
        }
    }

    private void forwardAndRelease(ByteBuf payload, ChannelFuture bound, InetSocketAddress to) {
        try {
            if (bound.isSuccess()) {
                forward(payload, bound.channel(), to);
            }
        } finally {
            payload.release();
        }
    }

    /** Upstream to client: back through the listening socket, so replies come from the address the client used. */
    private final class BackHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final InetSocketAddress client;

        BackHandler(InetSocketAddress client) {
            this.client = client;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            forward(packet.content(), front, client);
        }
    }
}
