package io.skirmish.game.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import javax.crypto.SecretKey;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.match.Modes;
import io.skirmish.game.snapshot.ViewBuilder;
import io.skirmish.game.tick.InboundDescriptor;
import io.skirmish.game.tick.MatchHandle;
import io.skirmish.kit.log.LogFields;
import io.skirmish.kit.net.guard.GuardEvent;
import io.skirmish.kit.net.guard.TcpGuards;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.Bounds;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Pong;
import io.skirmish.protocol.common.v1.Vec2;
import io.skirmish.protocol.crypto.KeyExchange;
import io.skirmish.protocol.game.Quantize;
import io.skirmish.protocol.game.v1.ClientMessage;
import io.skirmish.protocol.game.v1.Connect;
import io.skirmish.protocol.game.v1.MatchInfo;
import io.skirmish.protocol.game.v1.PlayerInfo;
import io.skirmish.protocol.game.v1.ServerMessage;
import io.skirmish.protocol.game.v1.Welcome;
import io.skirmish.protocol.token.ConnectTokenClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's TCP connection to the game server: the Connect handshake (token checks, X25519
 * key agreement, UDP connection set-up, Welcome), pings, a deliberate Leave, and the
 * disconnect that starts the reconnect grace period. Any protocol error is answered with an
 * {@code Error} carrying its code, counted, logged at a bounded rate, and closes the
 * connection.
 *
 * <p>One instance per channel, called only on that channel's event loop.
 */
public final class GameSessionHandler extends SimpleChannelInboundHandler<ClientMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(GameSessionHandler.class);

    private final GameNetContext context;
    private UdpConnection connection;
    private MatchSessions sessions;

    public GameSessionHandler(GameNetContext context) {
        this.context = context;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        try {
            switch (message.getBodyCase()) {
                case CONNECT -> onConnect(ctx, message.getRequestId(), message.getConnect());
                case PING -> {
                    if (connection == null) {
                        // Nothing but the handshake's own reply before Connect: an unauthenticated
                        // client must not get a server to answer (or to buffer answers) for free.
                        throw new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED, "Ping before Connect");
                    }
                    ctx.writeAndFlush(reply(message.getRequestId()).setPong(Pong.newBuilder()
                            .setClientTimeMs(message.getPing().getClientTimeMs())
                            .setServerTimeMs(context.wallClock().millis())).build());
                }
                case LEAVE -> onLeave(ctx);
                default -> throw new ProtocolException(ErrorCode.ERROR_CODE_UNKNOWN_MESSAGE,
                        "message " + message.getBodyCase() + " is not served here");
            }
        } catch (ProtocolException e) {
            // The request was readable, so its refusal names it (docs/protocol.md, "Errors").
            refuse(ctx, message.getRequestId(), e);
        }
    }

    private void onConnect(ChannelHandlerContext ctx, long requestId, Connect connect) throws ProtocolException {
        if (connection != null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_STATE, "already connected on this connection");
        }
        ConnectTokenClaims claims = context.verifier().verify(connect.getConnectToken());
        MatchSessions match = context.directory().match(claims.matchId());
        if (match == null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_MATCH_NOT_FOUND,
                    "match " + claims.matchId() + " is not hosted here (not allocated yet, or over)");
        }
        MatchSpec spec = match.handle().spec();
        int slot = spec.slotOf(claims.playerId());
        if (slot < 0) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_TOKEN_INVALID,
                    "player " + claims.playerId() + " is not in match " + claims.matchId());
        }
        MatchSessions.Admission admission = match.admit(slot, claims.tokenId(),
                connect.getResumeSecret().toByteArray());
        if (admission == MatchSessions.Admission.FIRST_JOIN) {
            context.replayGuard().markUsed(claims);
        }
        KeyExchange keyExchange = KeyExchange.generate(context.random());
        SecretKey key = keyExchange.deriveUdpKey(connect.getClientPublicKey().toByteArray(), claims.tokenId());
        InetAddress peer = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        UdpConnection udp = new UdpConnection(context.newConnectionId(), key, match.handle(), slot,
                claims.playerId(), ctx.channel(), peer, context.nanoClock().nanoTime());
        if (!match.handle().connectionEvent(InboundDescriptor.CONNECTED, slot, udp.connectionId())) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY, "tick loop inbound queue is full");
        }
        connection = udp;
        sessions = match;
        TcpGuards.handshakeDone(ctx.channel());
        match.attach(udp);
        context.directory().addConnection(udp);
        byte[] resumeSecret = match.newResumeSecret(slot, context.random());
        ctx.writeAndFlush(reply(requestId).setWelcome(welcome(udp, spec, keyExchange,
                admission == MatchSessions.Admission.RECONNECT, resumeSecret)).build());
        try (var matchField = LogFields.match(spec.matchId()); var playerField = LogFields.player(claims.playerId())) {
            LOG.info("player connected matchId={} playerId={} slot={} reconnect={}", spec.matchId(),
                    claims.playerId(), slot, admission == MatchSessions.Admission.RECONNECT);
        }
    }

    private Welcome welcome(UdpConnection udp, MatchSpec spec, KeyExchange keyExchange, boolean reconnected,
                            byte[] resumeSecret) {
        MatchInfo.Builder info = MatchInfo.newBuilder()
                .setMatchId(spec.matchId())
                .setMode(Modes.toWire(spec.mode()))
                .setTimeLimitMs(context.rules().timeLimitSeconds(spec.mode()) * 1000)
                .setMaxHealth(context.rules().maxHealth());
        for (int slot = 0; slot < spec.playerIds().size(); slot++) {
            info.addPlayers(PlayerInfo.newBuilder().setPlayerId(spec.playerIds().get(slot))
                    .setEntityId(ViewBuilder.entityId(slot)).setTeam(spec.wireTeamOf(slot)));
        }
        int sizeCm = Quantize.metresToCm(context.rules().arenaSizeM());
        return Welcome.newBuilder()
                .setConnectionId(udp.connectionId())
                .setServerPublicKey(com.google.protobuf.ByteString.copyFrom(keyExchange.publicKey()))
                .setTickRateHz(context.tickRateHz())
                .setMatch(info)
                .setYourEntityId(ViewBuilder.entityId(udp.slot()))
                .setTeam(spec.wireTeamOf(udp.slot()))
                .setMapBounds(Bounds.newBuilder().setMin(Vec2.newBuilder()).setMax(Vec2.newBuilder()
                        .setXCm(sizeCm).setYCm(sizeCm)))
                .setServerTimeMs(context.wallClock().millis())
                .setReconnected(reconnected)
                .setResumeSecret(com.google.protobuf.ByteString.copyFrom(resumeSecret))
                .build();
    }

    private void onLeave(ChannelHandlerContext ctx) {
        if (connection != null) {
            sessions.markGone(connection.slot());
            release(InboundDescriptor.LEFT);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        release(InboundDescriptor.DISCONNECTED);
        super.channelInactive(ctx);
    }

    /** Gives the slot back: {@code DISCONNECTED} keeps it for the grace period, {@code LEFT} frees it. */
    private void release(int type) {
        UdpConnection udp = connection;
        if (udp == null) {
            return;
        }
        connection = null;
        context.directory().removeConnection(udp);
        if (sessions.detach(udp) || type == InboundDescriptor.LEFT) {
            MatchHandle match = udp.match();
            if (!match.connectionEvent(type, udp.slot(), udp.connectionId())) {
                // The agent's queue is full; the grace timer or the match end settle the slot.
                context.badInputLog().warn("inbound-full", "connection event lost matchId={} slot={}",
                        match.spec().matchId(), udp.slot());
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == GuardEvent.HANDSHAKE_DEADLINE) {
            refuse(ctx, 0, new ProtocolException(ErrorCode.ERROR_CODE_IDLE_TIMEOUT, "no Connect within the time limit"));
            return;
        }
        if (event == SilenceWatch.SILENT) {
            refuse(ctx, 0, new ProtocolException(ErrorCode.ERROR_CODE_IDLE_TIMEOUT,
                    "no authentic UDP packet within the silence; resume with the resume secret"));
            return;
        }
        if (event == GuardEvent.IDLE) {
            refuse(ctx, 0, new ProtocolException(ErrorCode.ERROR_CODE_IDLE_TIMEOUT, "no traffic within the idle timeout"));
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException protocolError) {
            // A frame that did not decode as an envelope: its request_id, when it parsed that far.
            refuse(ctx, protocolError.requestId(), protocolError);
            return;
        }
        context.metrics().tcpRejected(ErrorCode.ERROR_CODE_INTERNAL);
        LOG.warn("closing connection after unexpected error remote={} error={}", ctx.channel().remoteAddress(),
                cause.toString());
        writeErrorAndClose(ctx, 0, ErrorCode.ERROR_CODE_INTERNAL, "internal error");
    }

    private void refuse(ChannelHandlerContext ctx, long requestId, ProtocolException error) {
        context.metrics().tcpRejected(error.code());
        context.badInputLog().warn(error.code().name(), "refused remote={} code={} reason={}",
                ctx.channel().remoteAddress(), error.code(), error.getMessage());
        writeErrorAndClose(ctx, requestId, error.code(), error.getMessage());
    }

    private static void writeErrorAndClose(ChannelHandlerContext ctx, long requestId, ErrorCode code, String message) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(reply(requestId).setError(Error.newBuilder().setCode(code).setMessage(message)).build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static ServerMessage.Builder reply(long requestId) {
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(requestId);
    }
}
