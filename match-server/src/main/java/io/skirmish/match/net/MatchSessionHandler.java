package io.skirmish.match.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.kit.net.ErrorCodeTags;
import io.skirmish.kit.net.guard.GuardEvent;
import io.skirmish.kit.net.guard.TcpGuards;
import io.skirmish.match.queue.JoinBatcher;
import io.skirmish.match.queue.QueueService;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Pong;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.JoinQueue;
import io.skirmish.protocol.match.v1.Login;
import io.skirmish.protocol.match.v1.LoginOk;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.protocol.token.SessionTokenClaims;
import io.skirmish.protocol.token.SignedToken;
import com.google.protobuf.ByteString;

import io.skirmish.match.auth.LoginAuthenticator;
import io.skirmish.match.auth.LoginMode;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * One client's TCP connection to the match server: Login, JoinQueue, LeaveQueue,
 * QueueStatusRequest, Ping. Every request but Login carries a session token, checked first.
 * A refused request gets an {@code Error} with its {@code request_id} and the connection stays
 * open; a broken stream (malformed frame, wrong version) gets an {@code Error} and is closed.
 * Refusals are counted ({@code match.net.rejected{reason}}) and logged at a bounded rate.
 *
 * <p>Every request first takes a token from the connection's {@link RequestBudget} (when
 * limits are on; the budget does not grow with the players logged in on the connection):
 * without one it gets {@code RATE_LIMITED} with {@code retry_after_ms}. At most
 * {@code maxInFlight} of a connection's requests wait for the shared workers and Redis at once
 * ({@link InFlightLimit}; {@code SERVER_BUSY} beyond), and a player's queue joins are limited
 * per account ({@code RATE_LIMITED}). Login
 * refuses builds older than the configured minimum with {@code CLIENT_OUTDATED}.
 *
 * <p>Login is checked against the per-address limit on the event loop and authenticated on a
 * worker ({@link LoginAuthenticator}); a session token is accepted only on the connection that
 * logged its player in, and a newer login of the player elsewhere takes it away
 * ({@code SESSION_REPLACED}). A join is validated here and
 * handed to the {@link JoinBatcher}, which answers when its batch is written. Leave and status
 * run on the bounded worker pool, never on the event loop. When the batcher or the pool is full
 * the request is refused with {@code SERVER_BUSY}. One instance per channel.
 */
public final class MatchSessionHandler extends SimpleChannelInboundHandler<ClientMessage> {

    private static final int MAX_CLIENT_VERSION_CHARS = 32;
    /** Errors after which the byte stream cannot be trusted: answer and close. */
    private static final Set<ErrorCode> FATAL = EnumSet.of(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE,
            ErrorCode.ERROR_CODE_FRAME_TOO_LARGE, ErrorCode.ERROR_CODE_UNSUPPORTED_VERSION,
            ErrorCode.ERROR_CODE_IDLE_TIMEOUT);

    private final MatchNetContext context;
    private ConnectionState state;
    private RequestBudget budget; // null when requests are not limited
    private InFlightLimit inFlight;

    public MatchSessionHandler(MatchNetContext context) {
        this.context = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        state = new ConnectionState(ctx.channel());
        inFlight = new InFlightLimit(context.maxInFlight());
        if (context.requestLimit().enabled()) {
            budget = new RequestBudget(context.requestLimit(), System.nanoTime());
        }
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        long requestId = message.getRequestId();
        if (budget != null && !budget.tryTake(System.nanoTime())) {
            refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_RATE_LIMITED, "more than "
                    + context.requestLimit() + " requests per second and burst on this connection"),
                    budget.retryAfterMs(System.nanoTime()));
            return;
        }
        try {
            switch (message.getBodyCase()) {
                case LOGIN -> onLogin(ctx, requestId, message.getLogin());
                case JOIN_QUEUE -> {
                    String player = authenticate(message.getJoinQueue().getSessionToken());
                    if (!context.joinsPerAccount().tryTake(player, System.nanoTime())) {
                        refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_RATE_LIMITED,
                                "too many queue joins for this player"), context.joinsPerAccount().retryAfterMs());
                        return;
                    }
                    JoinQueue request = message.getJoinQueue();
                    if (!request.getPartyId().isEmpty()) {
                        offloadJoin(ctx, requestId, player, request);
                    } else if (request.getPartyPlayerIdsCount() > 0 && !context.trustedParties()) {
                        throw new ProtocolException(ErrorCode.ERROR_CODE_PARTY_INVALID, "parties need consent: "
                                + "form one (CreateParty, InviteToParty, AcceptPartyInvite) and send party_id");
                    } else {
                        join(ctx, requestId, context.queue().prepare(player, request));
                    }
                }
                case CREATE_PARTY -> {
                    String player = authenticate(message.getCreateParty().getSessionToken());
                    offload(ctx, requestId, () -> context.parties().create(player));
                }
                case INVITE_TO_PARTY -> {
                    String player = authenticate(message.getInviteToParty().getSessionToken());
                    offload(ctx, requestId, () -> context.parties().invite(player, message.getInviteToParty().getPlayerId()));
                }
                case ACCEPT_PARTY_INVITE -> {
                    String player = authenticate(message.getAcceptPartyInvite().getSessionToken());
                    offload(ctx, requestId, () -> context.parties().accept(player,
                            message.getAcceptPartyInvite().getPartyId()));
                }
                case LEAVE_PARTY -> {
                    String player = authenticate(message.getLeaveParty().getSessionToken());
                    offload(ctx, requestId, () -> context.parties().leave(player));
                }
                case KICK_FROM_PARTY -> {
                    String player = authenticate(message.getKickFromParty().getSessionToken());
                    offload(ctx, requestId, () -> context.parties().kick(player, message.getKickFromParty().getPlayerId()));
                }
                case LEAVE_QUEUE -> {
                    String player = authenticate(message.getLeaveQueue().getSessionToken());
                    offload(ctx, requestId, () -> context.queue().leave(player, Optional.empty()));
                }
                case QUEUE_STATUS -> {
                    String player = authenticate(message.getQueueStatus().getSessionToken());
                    offload(ctx, requestId, () -> context.queue().status(player, context.hub()));
                }
                case PING -> {
                    if (state.players().isEmpty()) {
                        // Nothing but the handshake's own reply before a Login: an unauthenticated
                        // client must not get a server to answer (or to buffer answers) for free.
                        refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED,
                                "Ping before Login"));
                        ctx.close();
                        return;
                    }
                    send(ctx, reply(requestId).setPong(Pong.newBuilder()
                        .setClientTimeMs(message.getPing().getClientTimeMs())
                        .setServerTimeMs(context.clock().millis())).build());
                }
                default -> throw new ProtocolException(ErrorCode.ERROR_CODE_UNKNOWN_MESSAGE,
                        "message " + message.getBodyCase() + " is not served here");
            }
        } catch (ProtocolException e) {
            refuse(ctx, requestId, e);
        }
    }

    /**
     * Login: cheap checks and the per-address limit here on the event loop, then the identity
     * check on a worker (a device login reads Redis), then the session: issued, bound to this
     * connection, and any earlier session of the player replaced ({@link SessionHub#login}).
     */
    private void onLogin(ChannelHandlerContext ctx, long requestId, Login login) throws ProtocolException {
        if (login.getClientVersion().length() > MAX_CLIENT_VERSION_CHARS) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT,
                    "client version longer than " + MAX_CLIENT_VERSION_CHARS + " characters");
        }
        checkClientVersion(login.getClientVersion());
        if (!context.loginsPerAddress().tryTake(sourceAddress(ctx), System.nanoTime())) {
            context.metrics().login(modeName(login), "refused");
            refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_RATE_LIMITED,
                    "too many login attempts from this address"), context.loginsPerAddress().retryAfterMs());
            return;
        }
        dispatch(ctx, requestId, () -> completeLogin(ctx, requestId, login));
    }

    /**
     * Runs a request on the shared workers, within the connection's in-flight limit: past it, or
     * when the pool's queue is full, the request is refused with {@code SERVER_BUSY}.
     */
    private void dispatch(ChannelHandlerContext ctx, long requestId, Runnable task) {
        if (!inFlight.tryEnter()) {
            refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY, "more than "
                    + inFlight.max() + " requests in flight on this connection: wait for replies"), 100);
            return;
        }
        try {
            context.workers().execute(() -> {
                try {
                    task.run();
                } finally {
                    inFlight.exit();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.exit();
            refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY, "request queue full"));
        }
    }

    private void completeLogin(ChannelHandlerContext ctx, long requestId, Login login) {
        LoginAuthenticator.Authenticated who;
        try {
            who = context.logins().authenticate(login);
            if (!state.players().contains(who.playerId())
                    && state.players().size() >= context.maxPlayersPerConnection()) {
                throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_STATE,
                        "a connection speaks for at most " + context.maxPlayersPerConnection() + " players");
            }
        } catch (ProtocolException e) {
            context.metrics().login(modeName(login), "refused");
            refuse(ctx, requestId, e, e.code() == ErrorCode.ERROR_CODE_RATE_LIMITED ? context.logins().retryAfterMs() : 0);
            return;
        } catch (RuntimeException e) {
            internalError(ctx, requestId, e);
            return;
        }
        if (!ctx.channel().isActive()) {
            return; // closed while authenticating: nothing to bind, nobody to replace
        }
        SignedToken<SessionTokenClaims> token = context.sessions().issue(who.playerId());
        context.hub().login(who.playerId(), state);
        TcpGuards.handshakeDone(ctx.channel());
        context.metrics().login(who.mode().wireName(), who.newDeviceSecret() != null ? "created" : "ok");
        LoginOk.Builder ok = LoginOk.newBuilder().setSessionToken(ByteString.copyFrom(token.bytes()))
                .setPlayerId(who.playerId()).setExpiresAtMs(token.claims().expiresAtMs());
        if (who.newDeviceSecret() != null) {
            ok.setDeviceSecret(ByteString.copyFrom(who.newDeviceSecret()));
        }
        send(ctx, reply(requestId).setLoginOk(ok).build());
    }

    private static String modeName(Login login) {
        LoginMode mode = LoginAuthenticator.modeOf(login);
        return mode == null ? "none" : mode.wireName();
    }

    /** The source IP (without the port): the key of the per-address login limit. */
    private static String sourceAddress(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    /**
     * A party join: the party is read on a worker (the leader must lead it, members must have
     * accepted), then the join goes on as a join naming those members.
     */
    private void offloadJoin(ChannelHandlerContext ctx, long requestId, String leader, JoinQueue request) {
        dispatch(ctx, requestId, () -> {
            try {
                List<String> members = context.parties().queueable(leader, request.getPartyId());
                JoinQueue withMembers = request.toBuilder().clearPartyId().clearPartyPlayerIds()
                        .addAllPartyPlayerIds(members.subList(1, members.size())).build();
                join(ctx, requestId, context.queue().prepare(leader, withMembers));
            } catch (ProtocolException e) {
                refuse(ctx, requestId, e);
            } catch (RuntimeException e) {
                internalError(ctx, requestId, e);
            }
        });
    }

    /** Hands a validated join to the batcher; the reply is written when its batch is in Redis. */
    private void join(ChannelHandlerContext ctx, long requestId, QueueService.JoinPlan plan) {
        if (!inFlight.tryEnter()) {
            refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY, "more than "
                    + inFlight.max() + " requests in flight on this connection: wait for replies"), 100);
            return;
        }
        boolean queued = context.joins().submit(plan, new JoinBatcher.Callback() {
            @Override
            public void onResult(QueueService.JoinResult result) {
                inFlight.exit();
                if (result.refused() != null) {
                    refuse(ctx, requestId, result.refused());
                    return;
                }
                QueueService.Joined joined = result.joined();
                state.joined(joined);
                if (!ctx.channel().isActive()) {
                    // Closed while joining: the close clean-up may have run already.
                    abandonLater(state.drainTickets());
                    return;
                }
                send(ctx, context.queue().searching(joined).setVersion(ProtocolVersion.CURRENT)
                        .setRequestId(requestId).build());
            }

            @Override
            public void onFailure(RuntimeException error) {
                inFlight.exit();
                internalError(ctx, requestId, error);
            }
        });
        if (!queued) {
            inFlight.exit();
            refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY, "join queue full"));
        }
    }

    /** Cancels tickets of a closed connection on a worker (the caller may be a batcher thread). */
    private void abandonLater(List<QueueService.Joined> tickets) {
        if (tickets.isEmpty()) {
            return;
        }
        try {
            context.workers().execute(() -> tickets.forEach(this::abandonQuietly));
        } catch (RejectedExecutionException e) {
            tickets.forEach(this::abandonQuietly);
        }
    }

    private void abandonQuietly(QueueService.Joined joined) {
        try {
            context.queue().abandon(joined);
        } catch (RuntimeException e) {
            // The owner lease or the ticket TTL expires it instead.
            context.badInputLog().warn("abandon", "abandon failed ticket={} error={}", joined.ticketId(), e.toString());
        }
    }

    private void internalError(ChannelHandlerContext ctx, long requestId, RuntimeException e) {
        context.metrics().rejected(ErrorCodeTags.tag(ErrorCode.ERROR_CODE_INTERNAL));
        context.badInputLog().warn("internal", "request failed remote={} error={}", ctx.channel().remoteAddress(),
                e.toString());
        send(ctx, reply(requestId).setError(Error.newBuilder().setCode(ErrorCode.ERROR_CODE_INTERNAL)
                .setMessage("internal error, retry later").setRetryAfterMs(1_000)).build());
    }

    /**
     * Refuses builds older than the configured minimum. A version that is missing or not a
     * semantic version counts as outdated: builds from before versioning send none.
     */
    private void checkClientVersion(String text) throws ProtocolException {
        ClientVersion minimum = context.minClientVersion();
        if (minimum == null) {
            return;
        }
        java.util.Optional<ClientVersion> version = ClientVersion.parse(text);
        if (version.isEmpty() || version.get().compareTo(minimum) < 0) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_CLIENT_OUTDATED, "client version '" + text
                    + "' is older than the minimum " + minimum + " (or not a semantic version): update the client");
        }
    }

    /**
     * The player a request's session token speaks for, which must be logged in on this
     * connection: a token copied to another connection, or kept by a connection whose session was
     * replaced by a newer login, is refused.
     */
    private String authenticate(ByteString token) throws ProtocolException {
        String player = context.sessions().verify(token).playerId();
        if (!state.players().contains(player)) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED,
                    "the session is not logged in on this connection (or was replaced by a newer login)");
        }
        return player;
    }

    @FunctionalInterface
    private interface Request {
        ServerMessage.Builder run() throws ProtocolException;
    }

    private void offload(ChannelHandlerContext ctx, long requestId, Request request) {
        dispatch(ctx, requestId, () -> {
            try {
                ServerMessage.Builder reply = request.run();
                send(ctx, reply.setVersion(ProtocolVersion.CURRENT).setRequestId(requestId).build());
            } catch (ProtocolException e) {
                refuse(ctx, requestId, e);
            } catch (RuntimeException e) {
                internalError(ctx, requestId, e);
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ConnectionState closing = state;
        try {
            context.workers().execute(() -> {
                closing.drainTickets().forEach(this::abandonQuietly);
                closing.players().forEach(player -> context.hub().unbind(player, closing));
            });
        } catch (RejectedExecutionException e) {
            closing.players().forEach(player -> context.hub().unbind(player, closing));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == GuardEvent.HANDSHAKE_DEADLINE) {
            refuse(ctx, 0, new ProtocolException(ErrorCode.ERROR_CODE_IDLE_TIMEOUT, "no Login within the time limit"));
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
        Throwable root = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (root instanceof ProtocolException protocolError) {
            refuse(ctx, protocolError.requestId(), protocolError);
            return;
        }
        if (root instanceof java.nio.channels.ClosedChannelException) {
            return; // a reply or push (written without a promise) raced the close: nothing to tell anyone
        }
        context.metrics().rejected(ErrorCodeTags.tag(ErrorCode.ERROR_CODE_INTERNAL));
        context.badInputLog().warn("unexpected", "closing connection after unexpected error remote={} error={}",
                ctx.channel().remoteAddress(), cause.toString());
        ctx.writeAndFlush(reply(0).setError(Error.newBuilder().setCode(ErrorCode.ERROR_CODE_INTERNAL)
                .setMessage("internal error")).build()).addListener(ChannelFutureListener.CLOSE);
    }

    private void refuse(ChannelHandlerContext ctx, long requestId, ProtocolException error) {
        refuse(ctx, requestId, error, 0);
    }

    private void refuse(ChannelHandlerContext ctx, long requestId, ProtocolException error, long retryAfterMs) {
        context.metrics().rejected(ErrorCodeTags.tag(error.code()));
        context.badInputLog().warn(error.code().name(), "refused remote={} code={} reason={}",
                ctx.channel().remoteAddress(), error.code(), error.getMessage());
        if (!ctx.channel().isActive()) {
            return;
        }
        var write = ctx.writeAndFlush(reply(requestId).setError(Error.newBuilder().setCode(error.code())
                .setMessage(error.getMessage()).setRetryAfterMs((int) Math.min(Integer.MAX_VALUE, retryAfterMs))).build());
        if (FATAL.contains(error.code())) {
            write.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Writes without a promise: nobody waits for a reply's write to finish (flushes are consolidated). */
    private static void send(ChannelHandlerContext ctx, ServerMessage message) {
        ctx.writeAndFlush(message, ctx.voidPromise());
    }

    private static ServerMessage.Builder reply(long requestId) {
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(requestId);
    }
}
