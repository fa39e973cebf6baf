package io.skirmish.bots.bench;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.skirmish.client.ConnectHandshake;
import io.skirmish.kit.net.Transports;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.game.v1.ClientMessage;
import io.skirmish.protocol.game.v1.Leave;
import io.skirmish.protocol.game.v1.ServerMessage;
import io.skirmish.protocol.tcp.EnvelopeCodecs;
import io.skirmish.protocol.udp.UdpLimits;
import org.agrona.concurrent.NanoClock;

/**
 * The simulated clients of the load benchmark: a few event-loop threads, a few shared UDP
 * sockets ({@link UdpLane}) and, per player, one TCP connection for the real Connect handshake
 * (token, X25519, Welcome) that stays open for the match, as a real client's does.
 *
 * <p>Threads: {@link #connect} and {@link #leave} may be called from any thread; each player's
 * work runs on the event loop of its lane.
 */
final class BenchClients implements AutoCloseable {

    /** Datagrams read per recvmmsg call on epoll. */
    private static final int DATAGRAMS_PER_READ = 32;
    /**
     * Kernel buffers per client socket (doubled by Linux): a few ticks of snapshots for a
     * thousand players; an overloaded client drops instead of measuring seconds of queue.
     */
    private static final int SOCKET_BUFFER_BYTES = 512 << 10;
    /** A match can be allocated but not hosted yet for a moment; the Connect is retried. */
    private static final int MAX_CONNECT_ATTEMPTS = 50;
    private static final long RETRY_DELAY_MS = 100;

    private final Transports transport = Transports.best();
    private final EventLoopGroup group;
    private final List<UdpLane> lanes = new ArrayList<>();
    private final List<Channel> udpChannels = new ArrayList<>();
    private final String host;
    private final int tcpPort;
    private final SecureRandom random = new SecureRandom();

    BenchClients(String host, int tcpPort, int udpPort, int ioThreads, int udpSockets, int tickRateHz,
                 NanoClock nanoClock) throws InterruptedException {
        this.host = host;
        this.tcpPort = tcpPort;
        this.group = transport.group(ioThreads, "bench-io");
        InetSocketAddress server = new InetSocketAddress(host, udpPort);
        for (int i = 0; i < udpSockets; i++) {
            UdpLane lane = new UdpLane(server, tickRateHz, random.nextLong(), nanoClock);
            Bootstrap bootstrap = new Bootstrap().group(group).channel(transport.datagramChannel())
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                    .handler(lane);
            if (transport == Transports.EPOLL) {
                // Level-triggered: one wakeup reads one recvmmsg batch, and epoll keeps reporting the
                // socket while datagrams remain (edge-triggered, a burst larger than a batch waited
                // in the kernel for the next arrival and piled up into seconds of queue).
                bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, UdpLimits.MAX_PACKET_BYTES)
                        .option(ChannelOption.RECVBUF_ALLOCATOR,
                                new FixedRecvByteBufAllocator(UdpLimits.MAX_PACKET_BYTES * DATAGRAMS_PER_READ));
            } else {
                bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(UdpLimits.MAX_PACKET_BYTES * 2));
            }
            udpChannels.add(bootstrap.bind(new InetSocketAddress(host, 0)).sync().channel());
            lanes.add(lane);
        }
    }

    /** The local UDP ports of the clients' sockets (for their kernel drop counts). */
    java.util.Set<Integer> udpPorts() {
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        for (Channel channel : udpChannels) {
            ports.add(((InetSocketAddress) channel.localAddress()).getPort());
        }
        return ports;
    }

    List<UdpLane> lanes() {
        return lanes;
    }

    /** The lane (and so the event loop) player number {@code index} belongs to. */
    UdpLane laneFor(int index) {
        return lanes.get(index % lanes.size());
    }

    /** Connects {@code player}: completes when its Welcome arrived, or exceptionally. */
    CompletableFuture<BenchPlayer> connect(BenchPlayer player) {
        CompletableFuture<BenchPlayer> done = new CompletableFuture<>();
        player.state = BenchPlayer.State.CONNECTING;
        attempt(player, done);
        return done;
    }

    private void attempt(BenchPlayer player, CompletableFuture<BenchPlayer> done) {
        player.attempts++;
        player.handshake = new ConnectHandshake(player.token, random);
        new Bootstrap().group(player.lane.eventLoop()).channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        EnvelopeCodecs.addLast(channel.pipeline(), ServerMessage.getDefaultInstance())
                                .addLast(new TcpHandler(player, done));
                    }
                })
                .connect(host, tcpPort)
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        fail(player, done, "tcp connect: " + connected.cause());
                        return;
                    }
                    Channel tcp = ((io.netty.channel.ChannelFuture) connected).channel();
                    player.tcp = tcp;
                    tcp.writeAndFlush(player.handshake.connectMessage(1));
                });
    }

    private static void fail(BenchPlayer player, CompletableFuture<BenchPlayer> done, String reason) {
        player.state = BenchPlayer.State.FAILED;
        player.failure = reason;
        done.completeExceptionally(new IllegalStateException(player.playerId + ": " + reason));
    }

    /** Leaves the match for good (Leave over TCP, then close), as a player quitting does. */
    void leave(BenchPlayer player) {
        Channel tcp = player.tcp;
        if (tcp == null) {
            return;
        }
        tcp.eventLoop().execute(() -> {
            player.lane.remove(player);
            if (tcp.isActive()) {
                tcp.writeAndFlush(ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(3)
                        .setLeave(Leave.getDefaultInstance()).build());
                tcp.close();
            }
            player.state = BenchPlayer.State.CLOSED;
        });
    }

    @Override
    public void close() {
        udpChannels.forEach(channel -> channel.close().awaitUninterruptibly());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** The player's reliable channel: Welcome starts its UDP traffic; anything else is counted or ignored. */
    private final class TcpHandler extends SimpleChannelInboundHandler<ServerMessage> {

        private final BenchPlayer player;
        private final CompletableFuture<BenchPlayer> done;
        private boolean retrying;

        TcpHandler(BenchPlayer player, CompletableFuture<BenchPlayer> done) {
            this.player = player;
            this.done = done;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ServerMessage message) throws Exception {
            switch (message.getBodyCase()) {
                case WELCOME -> {
                    ConnectHandshake.Keys keys = player.handshake.keys(message.getWelcome());
                    player.connectionId = keys.connectionId();
                    player.sealer = keys.sealer();
                    player.opener = keys.opener();
                    player.state = BenchPlayer.State.CONNECTED;
                    player.lane.add(player);
                    done.complete(player);
                }
                case ERROR -> {
                    if (!done.isDone() && message.getError().getCode() == ErrorCode.ERROR_CODE_MATCH_NOT_FOUND
                            && player.attempts < MAX_CONNECT_ATTEMPTS) {
                        // Allocated but not hosted yet: the token was not spent, try again shortly.
                        retrying = true;
                        ctx.close();
                        ctx.executor().schedule(() -> attempt(player, done), RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
                    } else if (!done.isDone()) {
                        fail(player, done, message.getError().getCode() + " " + message.getError().getMessage());
                    }
                }
                default -> {
                    // Game events and the match end: a real client shows them; the benchmark does not need them.
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (retrying) {
                return;
            }
            player.lane.remove(player);
            if (!done.isDone()) {
                fail(player, done, "connection closed before Welcome");
            } else if (player.state != BenchPlayer.State.FAILED) {
                player.state = BenchPlayer.State.CLOSED;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!done.isDone()) {
                fail(player, done, cause.toString());
            }
            ctx.close();
        }
    }
}
