package io.skirmish.ranking.net;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.kit.net.guard.GuardEvent;
import io.skirmish.kit.net.guard.ReadPause;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.ranking.board.BoardCall;
import io.skirmish.ranking.board.BoardQueries;
import io.skirmish.ranking.board.QueryException;
import io.skirmish.ranking.redis.RedisLink;
import io.skirmish.ranking.redis.RespError;
import io.skirmish.ranking.redis.TurnFlusher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection. Each decoded query becomes a {@link BoardCall} whose steps go out on the
 * event loop's {@link RedisLink} (the loop never blocks: it sends and moves on); the query is
 * answered with exactly one {@code ServerMessage} carrying its {@code request_id} when Redis has
 * answered its last step. Replies leave in
 * one flush per loop turn. A refused query (unknown board, bad argument, Redis unavailable,
 * too many queries in flight) gets an {@code Error} and the connection stays; a protocol error
 * (bad frame, bad envelope) gets an {@code Error}, a metric, a bounded log line and the
 * connection is closed.
 *
 * <p>One instance per channel; every method runs on the channel's event loop, which is also the
 * link's.
 */
final class RankingSessionHandler extends SimpleChannelInboundHandler<ClientMessage>
        implements TurnFlusher.Flushable {

    private static final Logger LOG = LoggerFactory.getLogger(RankingSessionHandler.class);
    static final int BUSY_RETRY_MS = 100;
    static final int UNAVAILABLE_RETRY_MS = 1_000;
    /**
     * Queries of one connection waiting for Redis at once. At this many the connection is not read
     * until half are answered; one decoded beyond it anyway (from the same read) is answered
     * {@code SERVER_BUSY}. A loop's link takes {@value RankingNetServer#MAX_IN_FLIGHT_PER_LOOP}, so
     * one pipelining client leaves most of it to the others.
     */
    static final int MAX_IN_FLIGHT_PER_CONNECTION = 64;

    private final BoardQueries queries;
    private final RedisLink link;
    private final TurnFlusher flusher;
    private final QueryMetrics metrics;
    private final RateLimitedLog badInputLog;
    private ChannelHandlerContext ctx;
    private boolean flushQueued;
    /** Requests read and not yet answered (each is answered exactly once). */
    private int inFlight;

    RankingSessionHandler(BoardQueries queries, RedisLink link, TurnFlusher flusher, QueryMetrics metrics,
                          RateLimitedLog badInputLog) {
        this.queries = queries;
        this.link = link;
        this.flusher = flusher;
        this.metrics = metrics;
        this.badInputLog = badInputLog;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        metrics.connected();
        super.channelActive(context);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, ClientMessage message) {
        long startNs = System.nanoTime();
        inFlight++;
        if (inFlight > MAX_IN_FLIGHT_PER_CONNECTION) {
            refuse(message, startNs, ErrorCode.ERROR_CODE_SERVER_BUSY, "too many queries in flight on this connection",
                    BUSY_RETRY_MS);
            return;
        }
        if (inFlight == MAX_IN_FLIGHT_PER_CONNECTION) {
            ReadPause.set(context.channel(), ReadPause.IN_FLIGHT, true);
        }
        BoardCall call;
        try {
            call = queries.prepare(message);
        } catch (QueryException e) {
            refuse(message, startNs, e.code(), e.getMessage(), 0);
            return;
        }
        new Query(message, call, startNs).send(call.first());
    }

    /** One query on its way through its steps. */
    private final class Query implements RedisLink.Reply {
        private final ClientMessage message;
        private final BoardCall call;
        private final long startNs;
        private BoardCall.Step step;

        Query(ClientMessage message, BoardCall call, long startNs) {
            this.message = message;
            this.call = call;
            this.startNs = startNs;
        }

        void send(BoardCall.Step next) {
            step = next;
            switch (link.send(next, this)) {
                case QUEUED -> { }
                case BUSY -> refuse(message, startNs, ErrorCode.ERROR_CODE_SERVER_BUSY, "too many queries in flight",
                        BUSY_RETRY_MS);
                case DOWN -> onFailure("no connection to redis");
            }
        }

        @Override
        public void onReply(Object value) {
            List<Object> replies = step.repliesIn(value);
            for (Object reply : replies) {
                if (reply instanceof RespError error) {
                    badInputLog.warn("redis-error", "query refused by redis call={} error={}", call, error.message());
                    refuse(message, startNs, ErrorCode.ERROR_CODE_INTERNAL, "leaderboards unavailable",
                            UNAVAILABLE_RETRY_MS);
                    return;
                }
            }
            ServerMessage.Builder reply = ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                    .setRequestId(message.getRequestId());
            try {
                BoardCall.Step next = call.next(replies);
                if (next != null) {
                    send(next);
                    return;
                }
                call.fill(reply);
            } catch (RuntimeException e) {
                LOG.warn("query reply unreadable call={} error={}", call, e.toString());
                refuse(message, startNs, ErrorCode.ERROR_CODE_INTERNAL, "internal error", 0);
                return;
            }
            answer(message, startNs, reply.build());
        }

        @Override
        public void onFailure(String reason) {
            badInputLog.warn("redis-down", "query failed call={} reason={}", call, reason);
            refuse(message, startNs, ErrorCode.ERROR_CODE_INTERNAL, "leaderboards unavailable", UNAVAILABLE_RETRY_MS);
        }
    }

    private void refuse(ClientMessage message, long startNs, ErrorCode code, String text, int retryAfterMs) {
        metrics.refused(code);
        badInputLog.warn(code.name(), "query refused remote={} code={} reason={}", ctx.channel().remoteAddress(), code,
                text);
        answer(message, startNs, error(message.getRequestId(), code, text, retryAfterMs));
    }

    private void answer(ClientMessage message, long startNs, ServerMessage reply) {
        inFlight--;
        if (inFlight == MAX_IN_FLIGHT_PER_CONNECTION / 2 && ReadPause.isPaused(ctx.channel(), ReadPause.IN_FLIGHT)) {
            ReadPause.set(ctx.channel(), ReadPause.IN_FLIGHT, false);
        }
        ctx.write(reply);
        if (!flushQueued) {
            flushQueued = true;
            flusher.flushLater(this);
        }
        metrics.duration(message.getBodyCase()).record(System.nanoTime() - startNs, TimeUnit.NANOSECONDS);
    }

    @Override
    public void flushNow() {
        flushQueued = false;
        ctx.flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event == GuardEvent.IDLE) {
            refuse(context, new ProtocolException(ErrorCode.ERROR_CODE_IDLE_TIMEOUT, "no query within the idle timeout"));
            return;
        }
        super.userEventTriggered(context, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof ProtocolException protocolError) {
            refuse(context, protocolError);
            return;
        }
        metrics.rejected(ErrorCode.ERROR_CODE_INTERNAL);
        LOG.warn("closing connection after unexpected error remote={} error={}", context.channel().remoteAddress(),
                cause.toString());
        writeAndClose(context, error(0, ErrorCode.ERROR_CODE_INTERNAL, "internal error", 0));
    }

    private void refuse(ChannelHandlerContext context, ProtocolException error) {
        metrics.rejected(error.code());
        badInputLog.warn(error.code().name(), "refused remote={} code={} reason={}", context.channel().remoteAddress(),
                error.code(), error.getMessage());
        writeAndClose(context, error(error.requestId(), error.code(), error.getMessage(), 0));
    }

    private static void writeAndClose(ChannelHandlerContext context, ServerMessage message) {
        if (context.channel().isActive()) {
            context.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static ServerMessage error(long requestId, ErrorCode code, String text, int retryAfterMs) {
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(requestId)
                .setError(Error.newBuilder().setCode(code).setMessage(text).setRetryAfterMs(retryAfterMs)).build();
    }
}
