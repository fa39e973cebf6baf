package io.skirmish.match.net;

import com.google.protobuf.ByteString;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.token.SessionTokens;

/**
 * Authenticates every request but Login: its session token must verify and speak for a player
 * logged in on this connection (a token copied to another connection, or kept by a connection
 * whose session a newer login replaced, is refused with {@code UNAUTHENTICATED}). The player is
 * left in the connection's {@link ConnectionState#authenticatedPlayer()} for the dispatcher,
 * so the message itself flows on unwrapped. A Ping before any Login is refused and the
 * connection closed. One instance per connection (it holds the connection's state).
 */
final class SessionAuthenticationHandler extends SimpleChannelInboundHandler<ClientMessage> {

    private final SessionTokens sessions;
    private final ConnectionState state;
    private final Refusals refusals;

    SessionAuthenticationHandler(SessionTokens sessions, ConnectionState state, Refusals refusals) {
        super(false); // the message flows on to the next handler
        this.sessions = sessions;
        this.state = state;
        this.refusals = refusals;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        if (message.getBodyCase() == ClientMessage.BodyCase.PING && state.players().isEmpty()) {
            // Nothing but the handshake's own reply before a Login: an unauthenticated
            // client must not get a server to answer (or to buffer answers) for free.
            refusals.refuse(ctx, message.getRequestId(), new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED,
                    "Ping before Login"));
            ctx.close();
            return;
        }
        ByteString token = sessionToken(message);
        if (token == null) {
            state.authenticated(null);
            ctx.fireChannelRead(message);
            return;
        }
        try {
            state.authenticated(playerOf(token));
        } catch (ProtocolException e) {
            refusals.refuse(ctx, message.getRequestId(), e);
            return;
        }
        ctx.fireChannelRead(message);
    }

    private String playerOf(ByteString token) throws ProtocolException {
        String player = sessions.verify(token).playerId();
        if (!state.players().contains(player)) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED,
                    "the session is not logged in on this connection (or was replaced by a newer login)");
        }
        return player;
    }

    /** The session token a request carries, or null for those that carry none (Login, Ping, unknown). */
    private static ByteString sessionToken(ClientMessage message) {
        return switch (message.getBodyCase()) {
            case JOIN_QUEUE -> message.getJoinQueue().getSessionToken();
            case CREATE_PARTY -> message.getCreateParty().getSessionToken();
            case INVITE_TO_PARTY -> message.getInviteToParty().getSessionToken();
            case ACCEPT_PARTY_INVITE -> message.getAcceptPartyInvite().getSessionToken();
            case LEAVE_PARTY -> message.getLeaveParty().getSessionToken();
            case KICK_FROM_PARTY -> message.getKickFromParty().getSessionToken();
            case LEAVE_QUEUE -> message.getLeaveQueue().getSessionToken();
            case QUEUE_STATUS -> message.getQueueStatus().getSessionToken();
            default -> null;
        };
    }
}
