package io.skirmish.match.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.skirmish.kit.net.ErrorCodeTags;
import io.skirmish.match.queue.JoinBatcher;
import io.skirmish.match.queue.QueueService;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Pong;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.Login;
import io.skirmish.protocol.match.v1.LoginOk;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.protocol.token.SessionTokenClaims;
import io.skirmish.protocol.token.SignedToken;
import com.google.protobuf.ByteString;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
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
 * limits are on): without one it gets {@code RATE_LIMITED} with {@code retry_after_ms}. Login
 * refuses builds older than the configured minimum with {@code CLIENT_OUTDATED}.
 *
 * <p>Login touches no Redis and is answered on the event loop. A join is validated here and
 * handed to the {@link JoinBatcher}, which answers when its batch is written. Leave and status
 * run on the bounded worker pool, never on the event loop. When the batcher or the pool is full
 * the request is refused with {@code SERVER_BUSY}. One instance per channel.
 */
public final class MatchSessionHandler extends SimpleChannelInboundHandler<ClientMessage> {

    private static final int MAX_CLIENT_VERSION_CHARS = 32;
    private static final int MAX_DEVICE_ID_CHARS = 64;
    /** Errors after which the byte stream cannot be trusted: answer and close. */
    private static final Set<ErrorCode> FATAL = EnumSet.of(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE,
            ErrorCode.ERROR_CODE_FRAME_TOO_LARGE, ErrorCode.ERROR_CODE_UNSUPPORTED_VERSION,
            ErrorCode.ERROR_CODE_IDLE_TIMEOUT);

    private final MatchNetContext context;
    private ConnectionState state;
    private RequestBudget budget; // null when requests are not limited

    public MatchSessionHandler(MatchNetContext context) {
        this.context = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        state = new ConnectionState(ctx.channel());
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
                    + context.requestLimit() + " requests per second and burst per player on this connection"),
                    budget.retryAfterMs(System.nanoTime()));
            return;
        }
        try {
            switch (message.getBodyCase()) {
                case LOGIN -> onLogin(ctx, requestId, message.getLogin());
                case JOIN_QUEUE -> {
                    String player = authenticate(message.getJoinQueue().getSessionToken());
                    bindIfNeeded(player);
                    join(ctx, requestId, context.queue().prepare(player, message.getJoinQueue()));
                }
                case LEAVE_QUEUE -> {
                    String player = authenticate(message.getLeaveQueue().getSessionToken());
                    offload(ctx, requestId, () -> context.queue().leave(player, Optional.empty()));
                }
                case QUEUE_STATUS -> {
                    String player = authenticate(message.getQueueStatus().getSessionToken());
                    bindIfNeeded(player);
                    offload(ctx, requestId, () -> context.queue().status(player, context.hub()));
                }
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

    private void onLogin(ChannelHandlerContext ctx, long requestId, Login login) throws ProtocolException {
        String playerId = switch (login.getIdentityCase()) {
            case PLAYER_ID -> {
                if (!QueueService.PLAYER_ID.matcher(login.getPlayerId()).matches()) {
                    throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT,
                            "player id is not 1..64 of [A-Za-z0-9._:-]");
                }
                yield login.getPlayerId();
            }
            case DEVICE_ID -> {
                String device = login.getDeviceId();
                if (device.isEmpty() || device.length() > MAX_DEVICE_ID_CHARS) {
                    throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT,
                            "device id of " + device.length() + " characters, expected 1.." + MAX_DEVICE_ID_CHARS);
                }
                yield devicePlayerId(device);
            }
            default -> throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, "login without an identity");
        };
        if (login.getClientVersion().length() > MAX_CLIENT_VERSION_CHARS) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT,
                    "client version longer than " + MAX_CLIENT_VERSION_CHARS + " characters");
        }
        checkClientVersion(login.getClientVersion());
        SignedToken<SessionTokenClaims> token = context.sessions().issue(playerId);
        bindIfNeeded(playerId); // no Redis call: the subscription follows in the background
        send(ctx, reply(requestId).setLoginOk(LoginOk.newBuilder()
                .setSessionToken(ByteString.copyFrom(token.bytes())).setPlayerId(playerId)
                .setExpiresAtMs(token.claims().expiresAtMs())).build());
    }

    /** Hands a validated join to the batcher; the reply is written when its batch is in Redis. */
    private void join(ChannelHandlerContext ctx, long requestId, QueueService.JoinPlan plan) {
        boolean queued = context.joins().submit(plan, new JoinBatcher.Callback() {
            @Override
            public void onResult(QueueService.JoinResult result) {
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
                internalError(ctx, requestId, error);
            }
        });
        if (!queued) {
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

    /** The player id a device id maps to: stable, and not reversible to the device id. */
    static String devicePlayerId(String deviceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(deviceId.getBytes(StandardCharsets.UTF_8));
            return "d-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String authenticate(ByteString token) throws ProtocolException {
        return context.sessions().verify(token).playerId();
    }

    private void bindIfNeeded(String playerId) throws ProtocolException {
        if (state.players().contains(playerId)) {
            return;
        }
        if (state.players().size() >= context.maxPlayersPerConnection()) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_STATE,
                    "a connection speaks for at most " + context.maxPlayersPerConnection() + " players");
        }
        state.players().add(playerId);
        context.hub().bind(playerId, state);
        if (budget != null) {
            budget.players(state.players().size(), System.nanoTime());
        }
    }

    @FunctionalInterface
    private interface Request {
        ServerMessage.Builder run() throws ProtocolException;
    }

    private void offload(ChannelHandlerContext ctx, long requestId, Request request) {
        try {
            context.workers().execute(() -> {
                try {
                    ServerMessage.Builder reply = request.run();
                    send(ctx, reply.setVersion(ProtocolVersion.CURRENT).setRequestId(requestId).build());
                } catch (ProtocolException e) {
                    refuse(ctx, requestId, e);
                } catch (RuntimeException e) {
                    internalError(ctx, requestId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            refuse(ctx, requestId, new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY, "request queue full"));
        }
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
        if (event instanceof IdleStateEvent && state.players().isEmpty()) {
            refuse(ctx, 0, new ProtocolException(ErrorCode.ERROR_CODE_IDLE_TIMEOUT, "no Login within the time limit"));
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (root instanceof ProtocolException protocolError) {
            refuse(ctx, 0, protocolError);
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
