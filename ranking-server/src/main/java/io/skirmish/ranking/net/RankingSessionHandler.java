package io.skirmish.ranking.net;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.ranking.board.BoardQueries;
import io.skirmish.ranking.board.QueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One client connection: each decoded query runs on the query executor (Redis calls block, so
 * never on the event loop) and is answered with exactly one {@code ServerMessage} carrying its
 * {@code request_id}; replies may overtake each other. A refused query (unknown board, bad
 * argument, Redis down, executor full) gets an {@code Error} and the connection stays; a
 * protocol error (bad frame, bad envelope) gets an {@code Error}, a metric, a bounded log line
 * and the connection is closed.
 *
 * <p>One instance per channel; {@link #channelRead0} runs on the channel's event loop, the query
 * on an executor thread, which writes through the thread-safe {@link Channel}.
 */
final class RankingSessionHandler extends SimpleChannelInboundHandler<ClientMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(RankingSessionHandler.class);
    private static final int BUSY_RETRY_MS = 100;

    private final BoardQueries queries;
    private final Executor executor;
    private final QueryMetrics metrics;
    private final RateLimitedLog badInputLog;

    RankingSessionHandler(BoardQueries queries, Executor executor, QueryMetrics metrics, RateLimitedLog badInputLog) {
        this.queries = queries;
        this.executor = executor;
        this.metrics = metrics;
        this.badInputLog = badInputLog;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        metrics.connected();
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        long startNs = System.nanoTime();
        Channel channel = ctx.channel();
        try {
            executor.execute(() -> answer(channel, message, startNs));
        } catch (RejectedExecutionException e) {
            metrics.refused(ErrorCode.ERROR_CODE_SERVER_BUSY);
            channel.writeAndFlush(error(message.getRequestId(), ErrorCode.ERROR_CODE_SERVER_BUSY,
                    "query queue is full", BUSY_RETRY_MS));
        }
    }

    private void answer(Channel channel, ClientMessage message, long startNs) {
        ServerMessage reply;
        try {
            reply = query(message);
        } catch (QueryException e) {
            metrics.refused(e.code());
            reply = error(message.getRequestId(), e.code(), e.getMessage(), 0);
        } catch (JedisException e) {
            metrics.refused(ErrorCode.ERROR_CODE_INTERNAL);
            badInputLog.warn("redis", "query failed on Redis error={}", e.toString());
            reply = error(message.getRequestId(), ErrorCode.ERROR_CODE_INTERNAL, "leaderboards unavailable", 1_000);
        } catch (RuntimeException e) {
            metrics.refused(ErrorCode.ERROR_CODE_INTERNAL);
            LOG.warn("query failed unexpectedly body={} error={}", message.getBodyCase(), e.toString());
            reply = error(message.getRequestId(), ErrorCode.ERROR_CODE_INTERNAL, "internal error", 0);
        }
        channel.writeAndFlush(reply);
        metrics.duration(message.getBodyCase()).record(System.nanoTime() - startNs, TimeUnit.NANOSECONDS);
    }

    private ServerMessage query(ClientMessage message) throws QueryException {
        ServerMessage.Builder reply = ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                .setRequestId(message.getRequestId());
        switch (message.getBodyCase()) {
            case TOP -> reply.setPage(queries.top(message.getTop().getBoard(), message.getTop().getCount(),
                    Integer.toUnsignedLong(message.getTop().getOffset())));
            case AROUND -> reply.setPage(queries.around(message.getAround().getBoard(),
                    message.getAround().getPlayerId(), message.getAround().getCount()));
            case RANK -> reply.setPlayerRank(queries.rank(message.getRank().getBoard(), message.getRank().getPlayerId()));
            case FRIENDS -> reply.setPage(queries.friends(message.getFriends().getBoard(),
                    message.getFriends().getPlayerIdsList()));
            default -> throw new QueryException(ErrorCode.ERROR_CODE_UNKNOWN_MESSAGE,
                    "message " + message.getBodyCase() + " is not served here");
        }
        return reply.build();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            refuse(ctx, new ProtocolException(ErrorCode.ERROR_CODE_IDLE_TIMEOUT, "no query within the idle timeout"));
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException protocolError) {
            refuse(ctx, protocolError);
            return;
        }
        metrics.rejected(ErrorCode.ERROR_CODE_INTERNAL);
        LOG.warn("closing connection after unexpected error remote={} error={}", ctx.channel().remoteAddress(),
                cause.toString());
        writeAndClose(ctx, error(0, ErrorCode.ERROR_CODE_INTERNAL, "internal error", 0));
    }

    private void refuse(ChannelHandlerContext ctx, ProtocolException error) {
        metrics.rejected(error.code());
        badInputLog.warn(error.code().name(), "refused remote={} code={} reason={}", ctx.channel().remoteAddress(),
                error.code(), error.getMessage());
        writeAndClose(ctx, error(0, error.code(), error.getMessage(), 0));
    }

    private static void writeAndClose(ChannelHandlerContext ctx, ServerMessage message) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static ServerMessage error(long requestId, ErrorCode code, String text, int retryAfterMs) {
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(requestId)
                .setError(Error.newBuilder().setCode(code).setMessage(text).setRetryAfterMs(retryAfterMs)).build();
    }
}
