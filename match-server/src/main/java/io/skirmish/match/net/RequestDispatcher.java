package io.skirmish.match.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.kit.net.guard.TcpGuards;
import io.skirmish.match.admission.RequestWorkers;
import io.skirmish.match.admission.Staleness;
import io.skirmish.match.queue.JoinBatcher;
import io.skirmish.match.queue.QueueService;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

import static io.skirmish.match.net.Refusals.reply;
import static io.skirmish.match.net.Refusals.send;

/**
 * Last link of a connection's request chain (see {@link MatchNetServer}): routes each request
 * that passed the budget, the version check and authentication to its service. The player a
 * request speaks for is the one the authentication step left in {@link ConnectionState}.
 *
 * <p>Login is checked against the per-address limit on the event loop and authenticated on a
 * worker ({@link LoginAuthenticator}); a session token is accepted only on the connection that
 * logged its player in, and a newer login of the player elsewhere takes it away
 * ({@code SESSION_REPLACED}). A join is limited per account ({@code RATE_LIMITED}), validated
 * here and handed to the {@link JoinBatcher}, which answers when its batch is written. Party,
 * leave and status requests run on the bounded worker pool, never on the event loop. At most
 * {@code maxInFlight} of a connection's requests wait for the shared workers and Redis at once
 * ({@link InFlightLimit}); beyond it, or when the batcher or the pool is full, the request is
 * refused with {@code SERVER_BUSY}; a request that went stale in a queue (waited past
 * {@code --max-queue-wait}, or its connection closed) is dropped before any Redis work. New logins
 * were already shed upstream while the queues stand ({@link LoginAdmissionHandler}). Also the
 * clean-up when the connection closes (its tickets abandoned, its players unbound). One instance
 * per connection.
 */
final class RequestDispatcher extends SimpleChannelInboundHandler<ClientMessage> {

    private final MatchNetContext context;
    private final ConnectionState state;
    private final Refusals refusals;
    private final InFlightLimit inFlight;

    RequestDispatcher(MatchNetContext context, ConnectionState state, Refusals refusals) {
        this.context = context;
        this.state = state;
        this.refusals = refusals;
        this.inFlight = new InFlightLimit(context.maxInFlight());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        long requestId = message.getRequestId();
        String player = state.authenticatedPlayer();
        try {
            switch (message.getBodyCase()) {
                case LOGIN -> onLogin(ctx, requestId, message.getLogin());
                case JOIN_QUEUE -> {
                    if (!context.joinsPerAccount().tryTake(player, context.nanoClock().getAsLong())) {
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
                case CREATE_PARTY -> offload(ctx, requestId, () -> context.parties().create(player));
                case INVITE_TO_PARTY -> offload(ctx, requestId,
                        () -> context.parties().invite(player, message.getInviteToParty().getPlayerId()));
                case ACCEPT_PARTY_INVITE -> offload(ctx, requestId,
                        () -> context.parties().accept(player, message.getAcceptPartyInvite().getPartyId()));
                case LEAVE_PARTY -> offload(ctx, requestId, () -> context.parties().leave(player));
                case KICK_FROM_PARTY -> offload(ctx, requestId,
                        () -> context.parties().kick(player, message.getKickFromParty().getPlayerId()));
                case LEAVE_QUEUE -> offload(ctx, requestId, () -> context.queue().leave(player, Optional.empty()));
                case QUEUE_STATUS -> offload(ctx, requestId, () -> context.queue().status(player, context.hub()));
                case PING -> send(ctx, reply(requestId).setPong(Pong.newBuilder()
                        .setClientTimeMs(message.getPing().getClientTimeMs())
                        .setServerTimeMs(context.clock().millis())).build());
                default -> throw new ProtocolException(ErrorCode.ERROR_CODE_UNKNOWN_MESSAGE,
                        "message " + message.getBodyCase() + " is not served here");
            }
        } catch (ProtocolException e) {
            refuse(ctx, requestId, e);
        }
    }

    /**
     * Login (its client version already checked): the per-address limit here on the event loop,
     * then the identity check on a worker (a device login reads Redis), then the session: issued,
     * bound to this connection, and any earlier session of the player replaced ({@link SessionHub#login}).
     */
    private void onLogin(ChannelHandlerContext ctx, long requestId, Login login) {
        if (!context.loginsPerAddress().tryTake(sourceAddress(ctx), context.nanoClock().getAsLong())) {
            context.metrics().login(modeName(login), "refused");
            refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_RATE_LIMITED,
                    "too many login attempts from this address"), context.loginsPerAddress().retryAfterMs());
            return;
        }
        dispatch(ctx, requestId, "login", () -> completeLogin(ctx, requestId, login));
    }

    /**
     * Runs a request on the shared workers, within the connection's in-flight limit: past it, or
     * when the pool's queue is full, the request is refused with {@code SERVER_BUSY}. A request
     * that is stale when a worker takes it (its connection closed, or it waited past the bound) is
     * dropped before any work ({@link #dropped}).
     */
    private void dispatch(ChannelHandlerContext ctx, long requestId, String kind, Runnable task) {
        if (!inFlight.tryEnter()) {
            refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY, "more than "
                    + inFlight.max() + " requests in flight on this connection: wait for replies"), 100);
            return;
        }
        boolean queued = context.workers().submit(new RequestWorkers.Job() {
            @Override
            public boolean wanted() {
                return ctx.channel().isActive();
            }

            @Override
            public void run() {
                try {
                    task.run();
                } finally {
                    inFlight.exit();
                }
            }

            @Override
            public void drop(Staleness why, long waitedNs) {
                inFlight.exit();
                dropped(ctx, requestId, kind, why, waitedNs);
            }
        });
        if (!queued) {
            inFlight.exit();
            refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY, "request queue full"));
        }
    }

    /**
     * A request dropped before any work because it went stale in a queue: counted in
     * {@code match.requests.shed}; a client still connected is told {@code SERVER_BUSY}, with the
     * wait as its retry hint.
     */
    private void dropped(ChannelHandlerContext ctx, long requestId, String kind, Staleness why, long waitedNs) {
        context.metrics().shed(kind, why.tag());
        if (why == Staleness.WAITED) {
            long waitedMs = waitedNs / 1_000_000;
            refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY, "the request waited "
                    + waitedMs + " ms for the server and was dropped; retry later"), waitedMs);
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
        if (context.hub().login(who.playerId(), state)) {
            resumeTicket(ctx, who.playerId()); // a player without an earlier session has no ticket to take over
        }
        handshakeDone(ctx);
        context.metrics().login(who.mode().wireName(), who.newDeviceSecret() != null ? "created" : "ok");
        LoginOk.Builder ok = LoginOk.newBuilder().setSessionToken(ByteString.copyFrom(token.bytes()))
                .setPlayerId(who.playerId()).setExpiresAtMs(token.claims().expiresAtMs());
        if (who.newDeviceSecret() != null) {
            ok.setDeviceSecret(ByteString.copyFrom(who.newDeviceSecret()));
        }
        send(ctx, reply(requestId).setLoginOk(ok).build());
    }

    /**
     * Takes over the waiting ticket the player leads, wherever it was joined ({@link
     * QueueService#resume}): this connection now carries it. Only after a login that replaced an
     * earlier session ({@link SessionHub#login}): a first login has nothing to take over, and
     * skipping the index read saves a Redis command per login. Before the login is answered, so a
     * status request that follows finds it here. A Redis failure does not fail the login: the
     * ticket then stays with its old owner, and the client's status request tells it the rest.
     */
    private void resumeTicket(ChannelHandlerContext ctx, String playerId) {
        try {
            context.queue().resume(playerId).ifPresent(state::joined);
            if (!ctx.channel().isActive()) {
                abandonLater(state.drainTickets()); // closed meanwhile: the close clean-up may have run already
            }
        } catch (RuntimeException e) {
            context.badInputLog().warn("resume", "ticket not taken over player={} error={}", playerId, e.toString());
        }
    }

    /**
     * Lifts the connection's Login deadline, on its event loop: the guard's check-then-remove is
     * not safe from two workers finishing logins of the same connection at once (one of them threw,
     * and its login was never answered). Queued before the reply, so it runs first.
     */
    private static void handshakeDone(ChannelHandlerContext ctx) {
        if (ctx.executor().inEventLoop()) {
            TcpGuards.handshakeDone(ctx.channel());
        } else {
            ctx.executor().execute(() -> TcpGuards.handshakeDone(ctx.channel()));
        }
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
        dispatch(ctx, requestId, "join", () -> {
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

            @Override
            public boolean wanted() {
                return ctx.channel().isActive();
            }

            @Override
            public void onDropped(Staleness why, long waitedNs) {
                inFlight.exit();
                dropped(ctx, requestId, "join", why, waitedNs);
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

    @FunctionalInterface
    private interface Request {
        ServerMessage.Builder run() throws ProtocolException;
    }

    private void offload(ChannelHandlerContext ctx, long requestId, Request request) {
        dispatch(ctx, requestId, "other", () -> {
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

    private void refuse(ChannelHandlerContext ctx, long requestId, ProtocolException error) {
        refusals.refuse(ctx, requestId, error);
    }

    private void refuse(ChannelHandlerContext ctx, long requestId, ProtocolException error, long retryAfterMs) {
        refusals.refuse(ctx, requestId, error, retryAfterMs);
    }

    private void internalError(ChannelHandlerContext ctx, long requestId, RuntimeException e) {
        refusals.internalError(ctx, requestId, e);
    }
}
