package io.skirmish.match.it;

import com.google.protobuf.ByteString;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.kit.net.Transports;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.JoinQueue;
import io.skirmish.protocol.match.v1.LeaveQueue;
import io.skirmish.protocol.match.v1.AcceptPartyInvite;
import io.skirmish.protocol.match.v1.CreateParty;
import io.skirmish.protocol.match.v1.InviteToParty;
import io.skirmish.protocol.match.v1.KickFromParty;
import io.skirmish.protocol.match.v1.Login;
import io.skirmish.protocol.match.v1.QueueStatusRequest;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.protocol.tcp.EnvelopeCodecs;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A test client over the real match/v1 protocol; one connection may speak for many players. */
final class MatchClient implements AutoCloseable {

    private static final EventLoopGroup GROUP = Transports.best().group(2, "it-match-client");

    private final Channel channel;
    private final AtomicLong nextRequest = new AtomicLong(1);
    private final Map<Long, CompletableFuture<ServerMessage>> pending = new ConcurrentHashMap<>();
    final List<ServerMessage> pushes = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    private MatchClient(Channel channel) {
        this.channel = channel;
    }

    static MatchClient connect(int port) throws InterruptedException {
        return connect(port, null);
    }

    /** Over TLS, trusting only {@code trustedCertificate} (a PEM file); plaintext when it is null. */
    static MatchClient connect(int port, Path trustedCertificate) throws InterruptedException {
        SslContext tls;
        try {
            tls = trustedCertificate == null ? null
                    : SslContextBuilder.forClient().trustManager(trustedCertificate.toFile()).build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalArgumentException("cannot trust " + trustedCertificate, e);
        }
        MatchClient[] holder = new MatchClient[1];
        Channel channel = new Bootstrap().group(GROUP).channel(Transports.best().socketChannel())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), "127.0.0.1", port));
                        }
                        EnvelopeCodecs.addLast(ch.pipeline(), ServerMessage.getDefaultInstance())
                                .addLast(new SimpleChannelInboundHandler<ServerMessage>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ServerMessage msg) {
                                        holder[0].onMessage(msg);
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        holder[0].closed.complete(null);
                                        holder[0].pending.values().forEach(f -> f.completeExceptionally(
                                                new IllegalStateException("connection closed")));
                                    }
                                });
                    }
                }).connect(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        holder[0] = new MatchClient(channel);
        return holder[0];
    }

    private void onMessage(ServerMessage message) {
        CompletableFuture<ServerMessage> reply = message.getRequestId() == 0 ? null : pending.remove(message.getRequestId());
        if (reply != null) {
            reply.complete(message);
        } else {
            pushes.add(message);
        }
    }

    CompletableFuture<ServerMessage> send(ClientMessage.Builder message) {
        long id = nextRequest.getAndIncrement();
        CompletableFuture<ServerMessage> reply = new CompletableFuture<>();
        pending.put(id, reply);
        channel.writeAndFlush(message.setVersion(ProtocolVersion.CURRENT).setRequestId(id).build());
        if (!channel.isActive()) {
            pending.remove(id);
            reply.completeExceptionally(new IllegalStateException("connection closed"));
        }
        return reply.orTimeout(30, TimeUnit.SECONDS);
    }

    CompletableFuture<ServerMessage> login(String playerId) {
        return login(playerId, "1.0.0");
    }

    CompletableFuture<ServerMessage> login(String playerId, String clientVersion) {
        return send(ClientMessage.newBuilder().setLogin(Login.newBuilder().setPlayerId(playerId)
                .setClientVersion(clientVersion)));
    }

    /** Device login; an empty secret registers the device. */
    CompletableFuture<ServerMessage> loginDevice(String deviceId, ByteString secret) {
        return send(ClientMessage.newBuilder().setLogin(Login.newBuilder().setDeviceId(deviceId).setDeviceSecret(secret)
                .setClientVersion("1.0.0")));
    }

    CompletableFuture<ServerMessage> loginToken(String idToken) {
        return send(ClientMessage.newBuilder().setLogin(Login.newBuilder().setIdToken(idToken).setClientVersion("1.0.0")));
    }

    CompletableFuture<ServerMessage> createParty(ByteString session) {
        return send(ClientMessage.newBuilder().setCreateParty(CreateParty.newBuilder().setSessionToken(session)));
    }

    CompletableFuture<ServerMessage> invite(ByteString session, String player) {
        return send(ClientMessage.newBuilder().setInviteToParty(InviteToParty.newBuilder().setSessionToken(session)
                .setPlayerId(player)));
    }

    CompletableFuture<ServerMessage> accept(ByteString session, String partyId) {
        return send(ClientMessage.newBuilder().setAcceptPartyInvite(AcceptPartyInvite.newBuilder()
                .setSessionToken(session).setPartyId(partyId)));
    }

    CompletableFuture<ServerMessage> kick(ByteString session, String player) {
        return send(ClientMessage.newBuilder().setKickFromParty(KickFromParty.newBuilder().setSessionToken(session)
                .setPlayerId(player)));
    }

    CompletableFuture<ServerMessage> joinParty(ByteString session, GameMode mode, String region, String partyId) {
        return send(ClientMessage.newBuilder().setJoinQueue(JoinQueue.newBuilder().setSessionToken(session)
                .setMode(mode).setRegion(region).setPartyId(partyId)));
    }

    CompletableFuture<ServerMessage> ping() {
        return send(ClientMessage.newBuilder().setPing(Ping.newBuilder().setClientTimeMs(System.currentTimeMillis())));
    }

    CompletableFuture<ServerMessage> join(ByteString session, GameMode mode, String region, String... party) {
        return send(ClientMessage.newBuilder().setJoinQueue(JoinQueue.newBuilder().setSessionToken(session)
                .setMode(mode).setRegion(region).addAllPartyPlayerIds(List.of(party))));
    }

    CompletableFuture<ServerMessage> leave(ByteString session) {
        return send(ClientMessage.newBuilder().setLeaveQueue(LeaveQueue.newBuilder().setSessionToken(session)));
    }

    CompletableFuture<ServerMessage> status(ByteString session) {
        return send(ClientMessage.newBuilder().setQueueStatus(QueueStatusRequest.newBuilder().setSessionToken(session)));
    }

    /** Logs in and returns the session token. */
    ByteString session(String playerId) throws Exception {
        ServerMessage reply = login(playerId).get(10, TimeUnit.SECONDS);
        if (!reply.hasLoginOk()) {
            throw new AssertionError("login failed: " + reply);
        }
        return reply.getLoginOk().getSessionToken();
    }

    List<ServerMessage> matchFounds() {
        return pushes.stream().filter(ServerMessage::hasMatchFound).toList();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
    }
}
