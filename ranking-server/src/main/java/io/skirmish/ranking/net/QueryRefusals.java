package io.skirmish.ranking.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.kit.net.ErrorAnswers;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.ranking.v1.ServerMessage;

/**
 * How every handler of the ranking request chain answers what it does not serve. A refused query
 * (unknown board, bad argument, Redis unavailable, too many in flight) gets an {@code Error}
 * echoing its {@code request_id}, a count in {@code ranking.query.errors{code}} and a line in the
 * rate-limited log; the connection stays. A protocol error (bad frame, bad envelope, a guard's
 * timeout) or an unexpected failure gets an {@code Error}, a count in
 * {@code ranking.net.rejected{code}}, a line, and the connection is closed. Stateless: shared by
 * every connection of the port.
 */
final class QueryRefusals implements ErrorAnswers {

    private final QueryMetrics metrics;
    private final RateLimitedLog badInputLog;

    QueryRefusals(QueryMetrics metrics, RateLimitedLog badInputLog) {
        this.metrics = metrics;
        this.badInputLog = badInputLog;
    }

    /** Refuses one query; the connection stays. The reply leaves with the turn's flush. */
    void refuse(ChannelHandlerContext ctx, long requestId, ErrorCode code, String text, int retryAfterMs) {
        metrics.refused(code);
        badInputLog.warn(code.name(), "query refused remote={} code={} reason={}", ctx.channel().remoteAddress(), code,
                text);
        ctx.write(error(requestId, code, text, retryAfterMs));
    }

    /** The byte stream can no longer be trusted (or a guard ended it): answer and close. */
    @Override
    public void protocolError(ChannelHandlerContext ctx, ProtocolException error) {
        metrics.rejected(error.code());
        badInputLog.warn(error.code().name(), "refused remote={} code={} reason={}", ctx.channel().remoteAddress(),
                error.code(), error.getMessage());
        writeAndClose(ctx, error(error.requestId(), error.code(), error.getMessage(), 0));
    }

    /** An error nobody expected on this connection: answer and close. */
    @Override
    public void unexpected(ChannelHandlerContext ctx, Throwable cause) {
        metrics.rejected(ErrorCode.ERROR_CODE_INTERNAL);
        badInputLog.warn("unexpected", "closing connection after unexpected error remote={} error={}",
                ctx.channel().remoteAddress(), cause.toString());
        writeAndClose(ctx, error(0, ErrorCode.ERROR_CODE_INTERNAL, "internal error", 0));
    }

    /** A bounded line about a query that failed on our side (Redis down or refusing, an unreadable reply). */
    void log(String reason, String format, Object... arguments) {
        badInputLog.warn(reason, format, arguments);
    }

    private static void writeAndClose(ChannelHandlerContext ctx, ServerMessage message) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static ServerMessage error(long requestId, ErrorCode code, String text, int retryAfterMs) {
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(requestId)
                .setError(Error.newBuilder().setCode(code).setMessage(text).setRetryAfterMs(retryAfterMs)).build();
    }
}
