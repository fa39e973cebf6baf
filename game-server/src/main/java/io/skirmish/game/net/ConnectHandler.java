package io.skirmish.game.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import javax.crypto.SecretKey;

import com.google.protobuf.ByteString;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.match.Modes;
import io.skirmish.game.snapshot.ViewBuilder;
import io.skirmish.game.tick.InboundDescriptor;
import io.skirmish.kit.log.LogFields;
import io.skirmish.kit.net.guard.TcpGuards;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.Bounds;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Vec2;
import io.skirmish.protocol.crypto.KeyExchange;
import io.skirmish.protocol.game.Quantize;
import io.skirmish.protocol.game.v1.ClientMessage;
import io.skirmish.protocol.game.v1.Connect;
import io.skirmish.protocol.game.v1.MatchInfo;
import io.skirmish.protocol.game.v1.PlayerInfo;
import io.skirmish.protocol.game.v1.Welcome;
import io.skirmish.protocol.token.ConnectTokenClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication of a game connection: the Connect handshake. The connect token must verify, name
 * a match hosted here and a player of it, and (on a first join) not have been used before; then
 * the X25519 key agreement gives the UDP key, the tick agent hears of the connection, and the
 * client gets its {@code Welcome} (with a fresh resume secret). The connection then holds the
 * player's {@link PlayerSlot}, which this handler gives back when the connection closes.
 * Before a Connect nothing else is answered: a Ping is refused {@code UNAUTHENTICATED}, so an
 * unauthenticated client cannot make the server answer (or buffer answers) for free. Other
 * messages pass to the dispatcher. Every refusal closes the connection ({@link GameRefusals}).
 *
 * <p>One instance per connection, called on its event loop only.
 */
final class ConnectHandler extends SimpleChannelInboundHandler<ClientMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);

    private final GameNetContext context;
    private final PlayerSlot slot;
    private final GameRefusals refusals;

    ConnectHandler(GameNetContext context, PlayerSlot slot, GameRefusals refusals) {
        super(false); // what is not a Connect flows on to the dispatcher
        this.context = context;
        this.slot = slot;
        this.refusals = refusals;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        try {
            if (message.getBodyCase() == ClientMessage.BodyCase.CONNECT) {
                onConnect(ctx, message.getRequestId(), message.getConnect());
                return;
            }
            if (message.getBodyCase() == ClientMessage.BodyCase.PING && !slot.held()) {
                throw new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED, "Ping before Connect");
            }
        } catch (ProtocolException e) {
            // The request was readable, so its refusal names it (docs/protocol.md, "Errors").
            refusals.refuse(ctx, message.getRequestId(), e);
            return;
        }
        ctx.fireChannelRead(message);
    }

    private void onConnect(ChannelHandlerContext ctx, long requestId, Connect connect) throws ProtocolException {
        if (slot.held()) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_STATE, "already connected on this connection");
        }
        ConnectTokenClaims claims = context.verifier().verify(connect.getConnectToken());
        MatchSessions match = context.directory().match(claims.matchId());
        if (match == null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_MATCH_NOT_FOUND,
                    "match " + claims.matchId() + " is not hosted here (not allocated yet, or over)");
        }
        MatchSpec spec = match.handle().spec();
        int slotIndex = spec.slotOf(claims.playerId());
        if (slotIndex < 0) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_TOKEN_INVALID,
                    "player " + claims.playerId() + " is not in match " + claims.matchId());
        }
        MatchSessions.Admission admission = match.admit(slotIndex, claims.tokenId(),
                connect.getResumeSecret().toByteArray());
        if (admission == MatchSessions.Admission.FIRST_JOIN) {
            context.replayGuard().markUsed(claims);
        }
        KeyExchange keyExchange = KeyExchange.generate(context.random());
        SecretKey key = keyExchange.deriveUdpKey(connect.getClientPublicKey().toByteArray(), claims.tokenId());
        InetAddress peer = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        UdpConnection udp = new UdpConnection(context.newConnectionId(), key, match.handle(), slotIndex,
                claims.playerId(), ctx.channel(), peer, context.nanoClock().nanoTime());
        if (!match.handle().connectionEvent(InboundDescriptor.CONNECTED, slotIndex, udp.connectionId())) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY, "tick loop inbound queue is full");
        }
        slot.take(udp, match);
        TcpGuards.handshakeDone(ctx.channel());
        boolean reconnected = admission == MatchSessions.Admission.RECONNECT;
        byte[] resumeSecret = match.newResumeSecret(slotIndex, context.random());
        ctx.writeAndFlush(GameRefusals.reply(requestId)
                .setWelcome(welcome(udp, spec, keyExchange, reconnected, resumeSecret)).build());
        try (var matchField = LogFields.match(spec.matchId()); var playerField = LogFields.player(claims.playerId())) {
            LOG.info("player connected matchId={} playerId={} slot={} reconnect={}", spec.matchId(),
                    claims.playerId(), slotIndex, reconnected);
        }
    }

    private Welcome welcome(UdpConnection udp, MatchSpec spec, KeyExchange keyExchange, boolean reconnected,
                            byte[] resumeSecret) {
        MatchInfo.Builder info = MatchInfo.newBuilder()
                .setMatchId(spec.matchId())
                .setMode(Modes.toWire(spec.mode()))
                .setTimeLimitMs(context.rules().timeLimitSeconds(spec.mode()) * 1000)
                .setMaxHealth(context.rules().maxHealth());
        for (int i = 0; i < spec.playerIds().size(); i++) {
            info.addPlayers(PlayerInfo.newBuilder().setPlayerId(spec.playerIds().get(i))
                    .setEntityId(ViewBuilder.entityId(i)).setTeam(spec.wireTeamOf(i)));
        }
        int sizeCm = Quantize.metresToCm(context.rules().arenaSizeM());
        return Welcome.newBuilder()
                .setConnectionId(udp.connectionId())
                .setServerPublicKey(ByteString.copyFrom(keyExchange.publicKey()))
                .setTickRateHz(context.tickRateHz())
                .setMatch(info)
                .setYourEntityId(ViewBuilder.entityId(udp.slot()))
                .setTeam(spec.wireTeamOf(udp.slot()))
                .setMapBounds(Bounds.newBuilder().setMin(Vec2.newBuilder()).setMax(Vec2.newBuilder()
                        .setXCm(sizeCm).setYCm(sizeCm)))
                .setServerTimeMs(context.wallClock().millis())
                .setReconnected(reconnected)
                .setResumeSecret(ByteString.copyFrom(resumeSecret))
                .build();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        slot.disconnected();
        super.channelInactive(ctx);
    }
}
