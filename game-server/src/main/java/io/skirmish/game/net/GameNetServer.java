package io.skirmish.game.net;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.skirmish.kit.net.Transports;
import io.skirmish.protocol.game.v1.ClientMessage;
import io.skirmish.protocol.tcp.EnvelopeDecoder;
import io.skirmish.protocol.tcp.FrameDecoder;
import io.skirmish.protocol.tcp.FrameEncoder;
import io.skirmish.protocol.udp.UdpLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The game server's sockets: a TCP server for the reliable channel (Connect handshake, events,
 * match end) and one UDP socket for inputs and snapshots. I/O only: the simulation lives on the
 * tick agents.
 */
public final class GameNetServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GameNetServer.class);

    /** A TCP client must send Connect this soon after connecting. */
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** Kernel receive buffer for the UDP socket: absorbs bursts while the event loop is busy. */
    private static final int UDP_RECEIVE_BUFFER_BYTES = 8 << 20;

    private final EventLoopGroup tcpBoss;
    private final EventLoopGroup tcpWorkers;
    private final EventLoopGroup udpGroup;
    private final Channel tcpChannel;
    private final Channel udpChannel;

    private GameNetServer(EventLoopGroup tcpBoss, EventLoopGroup tcpWorkers, EventLoopGroup udpGroup,
                          Channel tcpChannel, Channel udpChannel) {
        this.tcpBoss = tcpBoss;
        this.tcpWorkers = tcpWorkers;
        this.udpGroup = udpGroup;
        this.tcpChannel = tcpChannel;
        this.udpChannel = udpChannel;
    }

    public static GameNetServer bind(String host, int tcpPort, int udpPort, int tcpThreads, GameNetContext context)
            throws InterruptedException {
        Transports transport = Transports.best();
        EventLoopGroup boss = transport.group(1, "game-tcp-accept");
        EventLoopGroup workers = transport.group(tcpThreads, "game-tcp");
        EventLoopGroup udpGroup = transport.group(1, "game-udp");
        try {
            Channel tcp = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast(new IdleStateHandler(CONNECT_TIMEOUT_SECONDS, 0, 0, TimeUnit.SECONDS))
                                    .addLast(new FrameDecoder())
                                    .addLast(new EnvelopeDecoder<>(ClientMessage.getDefaultInstance()))
                                    .addLast(new FrameEncoder())
                                    .addLast(new GameSessionHandler(context));
                        }
                    })
                    .bind(new InetSocketAddress(host, tcpPort)).sync().channel();
            Channel udp = new Bootstrap()
                    .group(udpGroup)
                    .channel(transport.datagramChannel())
                    // Sized above the datagram limit so an oversized packet arrives whole and is
                    // counted as too large, instead of being silently truncated.
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UdpLimits.MAX_PACKET_BYTES * 2))
                    .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER_BYTES)
                    .option(ChannelOption.SO_SNDBUF, UDP_RECEIVE_BUFFER_BYTES)
                    .handler(new UdpPacketHandler(context.directory(), context.metrics()))
                    .bind(new InetSocketAddress(host, udpPort)).sync().channel();
            LOG.info("game server listening tcp={} udp={} transport={}", tcp.localAddress(), udp.localAddress(),
                    transport);
            return new GameNetServer(boss, workers, udpGroup, tcp, udp);
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            udpGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int tcpPort() {
        return ((InetSocketAddress) tcpChannel.localAddress()).getPort();
    }

    public int udpPort() {
        return ((InetSocketAddress) udpChannel.localAddress()).getPort();
    }

    public Channel udpChannel() {
        return udpChannel;
    }

    /** Stops accepting new TCP connections; established ones stay until their match ends. */
    public void stopAccepting() {
        tcpChannel.close().awaitUninterruptibly();
    }

    @Override
    public void close() {
        tcpChannel.close().awaitUninterruptibly();
        udpChannel.close().awaitUninterruptibly();
        tcpBoss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        tcpWorkers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        udpGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
