package io.skirmish.client;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.socket.DatagramPacket;
import io.skirmish.kit.net.Transports;
import io.skirmish.protocol.BoundedParser;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.game.Quantize;
import io.skirmish.protocol.game.v1.ClientMessage;
import io.skirmish.protocol.game.v1.Leave;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.ServerMessage;
import io.skirmish.protocol.game.v1.Snapshot;
import io.skirmish.protocol.game.v1.Welcome;
import io.skirmish.protocol.tcp.EnvelopeCodecs;
import io.skirmish.protocol.udp.PacketOpener;
import io.skirmish.protocol.udp.PacketSealer;
import io.skirmish.protocol.udp.PacketStatus;
import io.skirmish.protocol.udp.PacketType;
import io.skirmish.protocol.udp.UdpLimits;

/**
 * One player's connection to a game server over the real protocol, as a game client would make
 * it: TCP Connect with the connect token and an X25519 public key, Welcome, the derived AES-GCM
 * key for UDP; then inputs (the last three, redundantly, each acknowledging the newest snapshot)
 * and delta snapshots assembled into the visible world.
 *
 * <p>Threads: network callbacks run on the session's event loops; {@link #sendInput} may be
 * called from any thread (it is synchronized); state getters are safe from any thread.
 */
public final class GameSession implements AutoCloseable {

    /** How many recent inputs every input packet repeats. */
    public static final int REDUNDANT_INPUTS = 3;
    /**
     * The UDP receive buffer asked of the kernel (which doubles it): a few dozen snapshots. A
     * client wants the newest state, not a backlog: with the default (~200 KiB), a client that
     * falls behind reads seconds-old snapshots in order; with this, the kernel drops the oldest.
     */
    static final int UDP_RECEIVE_BUFFER_BYTES = 16 * 1024;

    private static final BoundedParser<Snapshot> SNAPSHOTS =
            new BoundedParser<>(Snapshot.parser(), UdpLimits.MAX_PAYLOAD_BYTES);

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * A KEEPALIVE goes out when nothing was sent for this long: the server stops sending snapshots
     * to, and then drops, a connection silent for its --udp-silence (3 s by default).
     */
    static final long KEEPALIVE_AFTER_MS = 250;

    private final ConnectHandshake handshake;
    private final CompletableFuture<GameSession> connected = new CompletableFuture<>();
    private final CompletableFuture<MatchResult> matchEnd = new CompletableFuture<>();
    private final BlockingQueue<ServerMessage> messages = new LinkedBlockingQueue<>();
    private final SnapshotAssembler assembler = new SnapshotAssembler();
    private final InputHistory recentInputs = new InputHistory(REDUNDANT_INPUTS);
    private final AtomicLong snapshotsReceived = new AtomicLong();
    private final AtomicLong packetsRejected = new AtomicLong();
    private final InetSocketAddress udpTarget;
    private volatile Consumer<Snapshot> snapshotListener = snapshot -> { };
    private volatile Map<Integer, EntityState> entities = Map.of();
    private volatile long newestSnapshotTick;
    private volatile Welcome welcome;
    private Channel tcp;
    private Channel udp;
    private PacketSealer sealer;
    private PacketOpener opener;
    private long inputSequence;
    private long clientTick;
    /** Something was sent since the keepalive timer last looked (no clock needed: the timer is the clock). */
    private boolean sentSinceCheck;
    private ScheduledFuture<?> keepalive;

    private GameSession(byte[] token, byte[] resumeSecret, InetSocketAddress udpTarget) {
        this.handshake = new ConnectHandshake(token, resumeSecret, RANDOM);
        this.udpTarget = udpTarget;
    }

    /** Connects and completes once Welcome arrived and the UDP channel is ready. */
    public static CompletableFuture<GameSession> connect(GameClient client, String host, int tcpPort, int udpPort,
                                                         byte[] connectToken) {
        return connect(client.group(), client.transport(), client.tls(), host, tcpPort, udpPort, connectToken,
                new byte[0]);
    }

    /**
     * Resumes the slot this client's connection held before it dropped: the same connect token and
     * the {@link #resumeSecret()} of that connection's Welcome.
     */
    public static CompletableFuture<GameSession> resume(GameClient client, String host, int tcpPort, int udpPort,
                                                        byte[] connectToken, byte[] resumeSecret) {
        return connect(client.group(), client.transport(), client.tls(), host, tcpPort, udpPort, connectToken,
                resumeSecret);
    }

    /**
     * As {@link #connect(GameClient, String, int, int, byte[])}, with both channels on
     * {@code group}: pass one event loop to keep all of a bot's work, callbacks included, on one
     * thread.
     */
    public static CompletableFuture<GameSession> connect(EventLoopGroup group, Transports transport, String host,
                                                         int tcpPort, int udpPort, byte[] connectToken) {
        return connect(group, transport, ClientTls.plaintext(), host, tcpPort, udpPort, connectToken, new byte[0]);
    }

    /**
     * The full form: TCP over {@code tls}; {@code resumeSecret} empty for a first Connect, else the
     * {@link #resumeSecret()} of the dropped connection whose slot this one resumes.
     */
    public static CompletableFuture<GameSession> connect(EventLoopGroup group, Transports transport, ClientTls tls,
                                                         String host, int tcpPort, int udpPort, byte[] connectToken,
                                                         byte[] resumeSecret) {
        GameSession session = new GameSession(connectToken, resumeSecret, new InetSocketAddress(host, udpPort));
        Bootstrap udp = new Bootstrap().group(group).channel(transport.datagramChannel())
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UdpLimits.MAX_PACKET_BYTES * 2))
                .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER_BYTES);
        if (transport == Transports.EPOLL) {
            // Level-triggered: edge-triggered, datagrams beyond one read batch waited in the kernel
            // for the next arrival, and under load a client's snapshots queued up into seconds.
            udp.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
        }
        udp.handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(session.new UdpHandler());
                    }
                })
                .bind(new InetSocketAddress(host.equals("localhost") ? "127.0.0.1" : "0.0.0.0", 0))
                .addListener(bound -> {
                    if (!bound.isSuccess()) {
                        session.connected.completeExceptionally(bound.cause());
                        return;
                    }
                    session.udp = ((io.netty.channel.ChannelFuture) bound).channel();
                    session.connectTcp(group, transport, tls, host, tcpPort);
                });
        return session.connected;
    }

    private void connectTcp(EventLoopGroup group, Transports transport, ClientTls tls, String host, int tcpPort) {
        new Bootstrap().group(group).channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        tls.install(channel, host, tcpPort);
                        EnvelopeCodecs.addLast(channel.pipeline(), ServerMessage.getDefaultInstance())
                                .addLast(new TcpHandler());
                    }
                })
                .connect(host, tcpPort)
                .addListener(done -> {
                    if (!done.isSuccess()) {
                        connected.completeExceptionally(done.cause());
                        udp.close();
                        return;
                    }
                    tcp = ((io.netty.channel.ChannelFuture) done).channel();
                    tcp.closeFuture().addListener(closed -> onTcpClosed());
                    tcp.writeAndFlush(handshake.connectMessage(1));
                });
    }

    private void onWelcome(Welcome received) throws ProtocolException {
        ConnectHandshake.Keys keys = handshake.keys(received);
        synchronized (this) {
            sealer = keys.sealer();
            opener = keys.opener();
        }
        welcome = received;
        // Announce the address at once so snapshots can flow before the first input.
        sendPacket(PacketType.KEEPALIVE, null);
        keepalive = udp.eventLoop().scheduleAtFixedRate(this::keepAliveIfQuiet, KEEPALIVE_AFTER_MS,
                KEEPALIVE_AFTER_MS, TimeUnit.MILLISECONDS);
        connected.complete(this);
    }

    /** Keeps the server sending while the player sends no inputs (waiting for the match, idle). */
    private void keepAliveIfQuiet() {
        boolean quiet;
        synchronized (this) {
            quiet = !sentSinceCheck;
            sentSinceCheck = false;
        }
        if (quiet) {
            sendPacket(PacketType.KEEPALIVE, null);
        }
    }

    private void onTcpClosed() {
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        if (!connected.isDone()) {
            ServerMessage last = messages.peek();
            boolean explained = last != null && last.hasError();
            connected.completeExceptionally(new GameRefused(
                    explained ? last.getError().getCode() : ErrorCode.ERROR_CODE_UNSPECIFIED,
                    "game server closed the connection"
                            + (explained ? ": " + last.getError().getCode() + " " + last.getError().getMessage() : "")));
        }
        if (!matchEnd.isDone()) {
            matchEnd.completeExceptionally(new IllegalStateException("connection closed before the match ended"));
        }
        if (udp != null) {
            udp.close();
        }
    }

    /**
     * Sends one input (movement axes in [-1, 1], aim in radians) together with the previous
     * ones, acknowledging the newest snapshot. Returns the input's sequence number.
     */
    public synchronized long sendInput(double moveX, double moveY, double aimRadians, boolean fire) {
        recentInputs.add(++inputSequence, ++clientTick, Quantize.axisToMove(moveX), Quantize.axisToMove(moveY),
                Quantize.radiansToAim(aimRadians), fire ? 1 : 0, newestSnapshotTick);
        ByteBuf batch = Unpooled.buffer(UdpLimits.MAX_PAYLOAD_BYTES);
        recentInputs.writeBatch(batch);
        sendPacket(PacketType.INPUT, batch);
        return inputSequence;
    }

    private synchronized void sendPacket(PacketType type, ByteBuf payload) {
        if (sealer == null || udp == null || !udp.isActive()) {
            return;
        }
        ByteBuf datagram = udp.alloc().buffer(UdpLimits.MAX_PACKET_BYTES);
        long ack = Math.max(0, opener.newestSequence());
        if (payload == null) {
            sealer.seal(type, ack, 0, datagram);
        } else {
            sealer.seal(type, ack, 0, payload, datagram);
        }
        udp.writeAndFlush(new DatagramPacket(datagram, udpTarget));
        sentSinceCheck = true;
    }

    /** Sends raw bytes to the game server's UDP port, for tests of what the server refuses. */
    public void sendRawDatagram(byte[] bytes) {
        udp.writeAndFlush(new DatagramPacket(udp.alloc().buffer(bytes.length).writeBytes(bytes), udpTarget));
    }

    /** Measures the TCP round trip; the Pong arrives in {@link #messages()}. */
    public void ping(long clientTimeMs) {
        tcp.writeAndFlush(ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(2)
                .setPing(Ping.newBuilder().setClientTimeMs(clientTimeMs)).build());
    }

    /** Leaves the match for good. */
    public void leave() {
        if (tcp != null && tcp.isActive()) {
            tcp.writeAndFlush(ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(3)
                    .setLeave(Leave.getDefaultInstance()).build());
        }
    }

    /** Called on every applied snapshot, on the UDP event loop (for latency measurements). */
    public void onSnapshot(Consumer<Snapshot> listener) {
        snapshotListener = listener;
    }

    public Welcome welcome() {
        return welcome;
    }

    /** What resumes this session's slot after it drops (see {@link #resume}); changes with every Welcome. */
    public byte[] resumeSecret() {
        return welcome.getResumeSecret().toByteArray();
    }

    /** The entity id of this player. */
    public int entityId() {
        return welcome.getYourEntityId();
    }

    public Map<Integer, EntityState> entities() {
        return entities;
    }

    public long newestSnapshotTick() {
        return newestSnapshotTick;
    }

    public long snapshotsReceived() {
        return snapshotsReceived.get();
    }

    public long packetsRejected() {
        return packetsRejected.get();
    }

    public synchronized long lastInputSequence() {
        return inputSequence;
    }

    /** Events, errors and pongs pushed over TCP, in arrival order. */
    public BlockingQueue<ServerMessage> messages() {
        return messages;
    }

    public CompletableFuture<MatchResult> matchEnd() {
        return matchEnd;
    }

    public boolean open() {
        return tcp != null && tcp.isActive();
    }

    /** Drops the connection without leaving (the server keeps the slot for its grace period). */
    @Override
    public void close() {
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        if (tcp != null) {
            tcp.close();
        }
        if (udp != null) {
            udp.close();
        }
    }

    private final class TcpHandler extends SimpleChannelInboundHandler<ServerMessage> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ServerMessage message) throws ProtocolException {
            switch (message.getBodyCase()) {
                case WELCOME -> onWelcome(message.getWelcome());
                case MATCH_END -> {
                    messages.add(message);
                    matchEnd.complete(message.getMatchEnd().getResult());
                }
                default -> messages.add(message);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            connected.completeExceptionally(cause);
            ctx.close();
        }
    }

    private final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            PacketOpener packetOpener;
            synchronized (GameSession.this) {
                packetOpener = opener;
            }
            if (packetOpener == null) {
                return;
            }
            ByteBuf payload = ctx.alloc().buffer(UdpLimits.MAX_PACKET_BYTES);
            try {
                PacketStatus status = packetOpener.open(packet.content(), payload);
                if (status != PacketStatus.OK) {
                    packetsRejected.incrementAndGet();
                    return;
                }
                Snapshot snapshot = SNAPSHOTS.parse(payload);
                if (assembler.apply(snapshot)) {
                    snapshotsReceived.incrementAndGet();
                    entities = assembler.entities();
                    newestSnapshotTick = assembler.newestTick();
                    snapshotListener.accept(snapshot);
                }
            } catch (ProtocolException e) {
                packetsRejected.incrementAndGet();
            } finally {
                payload.release();
            }
        }
    }
}
