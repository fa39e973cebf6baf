package io.skirmish.match.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.kit.net.ErrorAnswers;
import io.skirmish.kit.net.ErrorCodeTags;
import io.skirmish.match.queue.MatchMetrics;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.ServerMessage;

import java.util.EnumSet;
import java.util.Set;

/**
 * How every handler of the match request chain answers a request it refuses: an {@code Error}
 * echoing the {@code request_id}, a count in {@code match.net.rejected{reason}} and a line in the
 * rate-limited log. The connection stays open unless the byte stream can no longer be trusted
 * ({@link #FATAL}). One place, so that the limits, the version check, authentication, the
 * dispatcher and the connection's end (service-kit's {@code ConnectionErrorHandler}) refuse alike. Stateless: shared by every connection.
 */
final class Refusals implements ErrorAnswers {

    /** Errors after which the byte stream cannot be trusted: answer and close. */
    private static final Set<ErrorCode> FATAL = EnumSet.of(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE,
            ErrorCode.ERROR_CODE_FRAME_TOO_LARGE, ErrorCode.ERROR_CODE_UNSUPPORTED_VERSION,
            ErrorCode.ERROR_CODE_IDLE_TIMEOUT);

    private final MatchMetrics metrics;
    private final RateLimitedLog badInputLog;

    Refusals(MatchMetrics metrics, RateLimitedLog badInputLog) {
        this.metrics = metrics;
        this.badInputLog = badInputLog;
    }

    void refuse(ChannelHandlerContext ctx, long requestId, ProtocolException error) {
        refuse(ctx, requestId, error, 0);
    }

    void refuse(ChannelHandlerContext ctx, long requestId, ProtocolException error, long retryAfterMs) {
        metrics.rejected(ErrorCodeTags.tag(error.code()));
        badInputLog.warn(error.code().name(), "refused remote={} code={} reason={}",
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

    /** A request that failed on our side: the client may retry it later, the connection stays. */
    void internalError(ChannelHandlerContext ctx, long requestId, RuntimeException e) {
        metrics.rejected(ErrorCodeTags.tag(ErrorCode.ERROR_CODE_INTERNAL));
        badInputLog.warn("internal", "request failed remote={} error={}", ctx.channel().remoteAddress(),
                e.toString());
        send(ctx, reply(requestId).setError(Error.newBuilder().setCode(ErrorCode.ERROR_CODE_INTERNAL)
                .setMessage("internal error, retry later").setRetryAfterMs(1_000)).build());
    }

    /** A frame or envelope the decoders refused, or a guard's timeout: refused like any request. */
    @Override
    public void protocolError(ChannelHandlerContext ctx, ProtocolException error) {
        refuse(ctx, error.requestId(), error);
    }

    /** An error nobody expected on this connection (not a refusal): answer and close. */
    @Override
    public void unexpected(ChannelHandlerContext ctx, Throwable cause) {
        metrics.rejected(ErrorCodeTags.tag(ErrorCode.ERROR_CODE_INTERNAL));
        badInputLog.warn("unexpected", "closing connection after unexpected error remote={} error={}",
                ctx.channel().remoteAddress(), cause.toString());
        ctx.writeAndFlush(reply(0).setError(Error.newBuilder().setCode(ErrorCode.ERROR_CODE_INTERNAL)
                .setMessage("internal error")).build()).addListener(ChannelFutureListener.CLOSE);
    }

    /** Writes without a promise: nobody waits for a reply's write to finish (flushes are consolidated). */
    static void send(ChannelHandlerContext ctx, ServerMessage message) {
        ctx.writeAndFlush(message, ctx.voidPromise());
    }

    static ServerMessage.Builder reply(long requestId) {
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(requestId);
    }
}
