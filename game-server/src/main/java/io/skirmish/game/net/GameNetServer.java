package io.skirmish.game.net;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.socket.SocketChannel;
import io.skirmish.kit.net.ConnectionErrorHandler;
import io.skirmish.kit.net.Transports;
import io.skirmish.kit.net.guard.GuardTimeoutHandler;
import io.skirmish.kit.net.guard.TcpGuards;
import io.skirmish.protocol.game.v1.ClientMessage;
import io.skirmish.protocol.tcp.EnvelopeCodecs;
import io.skirmish.protocol.udp.UdpLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The game server's sockets: a TCP server for the reliable channel (Connect handshake, events,
 * match end; its request chain is composed in {@link #initRequestChain}) and UDP sockets for
 * inputs and snapshots. I/O only: the simulation lives on the
 * tick agents. The UDP event loops only read; snapshots are sent on the same sockets by the
 * snapshot senders' own threads ({@link SnapshotSender}).
 *
 * <p>UDP: one socket per UDP thread. With more than one (epoll only), every socket binds the
 * same port with {@code SO_REUSEPORT}, so the kernel spreads clients over them by address hash
 * and one client's packets always reach the same socket, hence the same thread (a
 * connection's {@code PacketOpener} stays single-threaded). On epoll each read takes up to
 * {@value #DATAGRAMS_PER_READ} datagrams in one {@code recvmmsg} call.
 */
public final class GameNetServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GameNetServer.class);

    /**
     * Kernel receive buffer per UDP socket (Linux doubles it and charges each datagram about
     * 768 bytes on top of its size): about 1,300 input datagrams, some 17 ms of input for 2,500
     * players per socket. Enough to ride out a scheduling hiccup of the reading thread; small
     * enough that an overloaded server drops inputs (clients repeat their last ones in every
     * packet) instead of queueing seconds of them and answering late.
     */
    private static final int UDP_RECEIVE_BUFFER_BYTES = 512 << 10;
    /**
     * Kernel send buffer per UDP socket: a tick's burst of snapshots for a full lane. When it is
     * full a snapshot is dropped and counted ({@code game.net.snapshots.unsent}), never queued.
     */
    private static final int UDP_SEND_BUFFER_BYTES = 1 << 20;
    /** Datagrams taken per {@code recvmmsg} on epoll: one system call per batch instead of per packet. */
    private static final int DATAGRAMS_PER_READ = 16;
    /**
     * Read buffer per datagram, above the datagram limit so an oversized packet arrives whole and
     * is counted as too large instead of being silently truncated.
     */
    private static final int DATAGRAM_READ_BYTES = UdpLimits.MAX_PACKET_BYTES * 2;
    static final String SILENT_REASON = "no authentic UDP packet within the silence; resume with the resume secret";

    private final EventLoopGroup tcpBoss;
    private final EventLoopGroup tcpWorkers;
    private final EventLoopGroup udpGroup;
    private final Channel tcpChannel;
    private final List<Channel> udpChannels;

    private GameNetServer(EventLoopGroup tcpBoss, EventLoopGroup tcpWorkers, EventLoopGroup udpGroup,
                          Channel tcpChannel, List<Channel> udpChannels) {
        this.tcpBoss = tcpBoss;
        this.tcpWorkers = tcpWorkers;
        this.udpGroup = udpGroup;
        this.tcpChannel = tcpChannel;
        this.udpChannels = List.copyOf(udpChannels);
    }

    /**
     * Binds the TCP server and {@code udpThreads} UDP sockets on one port; more than one UDP
     * thread needs the epoll transport ({@code SO_REUSEPORT}). Every TCP connection first passes
     * {@code guards} (caps, TLS, backpressure, the Connect deadline, idle close).
     */
    public static GameNetServer bind(String host, int tcpPort, int udpPort, int tcpThreads, int udpThreads,
                                     TcpGuards guards, GameNetContext context) throws InterruptedException {
        Transports transport = Transports.best();
        if (udpThreads > 1 && transport != Transports.EPOLL) {
            throw new IllegalArgumentException("udp-threads " + udpThreads + " needs the epoll transport "
                    + "(SO_REUSEPORT); this platform has " + transport);
        }
        EventLoopGroup boss = transport.group(1, "game-tcp-accept");
        EventLoopGroup workers = transport.group(tcpThreads, "game-tcp");
        EventLoopGroup udpGroup = transport.group(udpThreads, "game-udp");
        GameRefusals refusals = new GameRefusals(context.metrics(), context.badInputLog());
        GuardTimeoutHandler timeouts = timeouts();
        ConnectionErrorHandler errors = new ConnectionErrorHandler(refusals);
        try {
            Channel tcp = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            guards.install(channel);
                            EnvelopeCodecs.addLast(channel.pipeline(), ClientMessage.getDefaultInstance());
                            initRequestChain(channel, context, refusals, timeouts, errors);
                        }
                    })
                    .bind(new InetSocketAddress(host, tcpPort)).sync().channel();
            List<Channel> udp = new ArrayList<>();
            int port = udpPort;
            for (int i = 0; i < udpThreads; i++) {
                Bootstrap bootstrap = new Bootstrap()
                        .group(udpGroup)
                        .channel(transport.datagramChannel())
                        .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER_BYTES)
                        .option(ChannelOption.SO_SNDBUF, UDP_SEND_BUFFER_BYTES)
                        // One handler per socket: it keeps per-thread scratch state.
                        .handler(new UdpPacketHandler(context.directory(), context.metrics(),
                                context.nanoClock()::nanoTime));
                if (transport == Transports.EPOLL) {
                    // Level-triggered so that datagrams left after one recvmmsg batch are read at the
                    // next wakeup rather than when the next datagram happens to arrive.
                    bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                            .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, DATAGRAM_READ_BYTES)
                            .option(ChannelOption.RECVBUF_ALLOCATOR,
                                    new FixedRecvByteBufAllocator(DATAGRAM_READ_BYTES * DATAGRAMS_PER_READ));
                    if (udpThreads > 1) {
                        bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
                    }
                } else {
                    bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DATAGRAM_READ_BYTES));
                }
                Channel channel = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
                // Port 0 picks a free port once; the other sockets join that one.
                port = ((InetSocketAddress) channel.localAddress()).getPort();
                udp.add(channel);
            }
            LOG.info("game server listening tcp={} udp={} udpThreads={} transport={}", tcp.localAddress(),
                    udp.get(0).localAddress(), udpThreads, transport);
            return new GameNetServer(boss, workers, udpGroup, tcp, udp);
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            udpGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The TCP port's timeouts as the client is told them: the guards' and the UDP silence. */
    static GuardTimeoutHandler timeouts() {
        return GuardTimeoutHandler.forHandshake("Connect").with(SilenceWatch.SILENT, SILENT_REASON);
    }

    /**
     * The TCP request chain after the codecs, in order: guard timeouts told as {@code IDLE_TIMEOUT},
     * the Connect handshake (authentication; the connection's {@link PlayerSlot}), the dispatcher
     * (Ping, Leave), and the connection's end (protocol errors and the unexpected: answer, close).
     */
    static void initRequestChain(Channel channel, GameNetContext context, GameRefusals refusals,
                                 GuardTimeoutHandler timeouts, ConnectionErrorHandler errors) {
        PlayerSlot slot = new PlayerSlot(context.directory(), context.badInputLog());
        channel.pipeline()
                .addLast("guard-timeouts", timeouts)
                .addLast("connect", new ConnectHandler(context, slot, refusals))
                .addLast("dispatcher", new GameRequestDispatcher(slot, context.wallClock(), refusals))
                .addLast("errors", errors);
    }

    public int tcpPort() {
        return ((InetSocketAddress) tcpChannel.localAddress()).getPort();
    }

    public int udpPort() {
        return ((InetSocketAddress) udpChannels.get(0).localAddress()).getPort();
    }

    /** The first UDP socket (the only one unless the server runs several UDP threads). */
    public Channel udpChannel() {
        return udpChannels.get(0);
    }

    /** Every UDP socket, one per UDP thread, all on {@link #udpPort()}. */
    public List<Channel> udpChannels() {
        return udpChannels;
    }

    /** Stops accepting new TCP connections; established ones stay until their match ends. */
    public void stopAccepting() {
        tcpChannel.close().awaitUninterruptibly();
    }

    @Override
    public void close() {
        tcpChannel.close().awaitUninterruptibly();
        udpChannels.forEach(channel -> channel.close().awaitUninterruptibly());
        tcpBoss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        tcpWorkers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        udpGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
