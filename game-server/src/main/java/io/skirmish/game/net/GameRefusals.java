package io.skirmish.game.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.kit.net.ErrorAnswers;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.game.v1.ServerMessage;

/**
 * How every handler of the game-server's TCP chain refuses: an {@code Error} carrying the code
 * (and the {@code request_id} when the request was readable), a count in
 * {@code game.net.tcp.rejected{code}}, a line in the rate-limited log, and the connection closed.
 * A game connection carries one player's handshake and little else, so any refusal ends it.
 * Stateless: shared by every connection.
 */
final class GameRefusals implements ErrorAnswers {

    private final NetMetrics metrics;
    private final RateLimitedLog badInputLog;

    GameRefusals(NetMetrics metrics, RateLimitedLog badInputLog) {
        this.metrics = metrics;
        this.badInputLog = badInputLog;
    }

    /** Refuses the request {@code requestId} (0 when none was readable) and closes. */
    void refuse(ChannelHandlerContext ctx, long requestId, ProtocolException error) {
        metrics.tcpRejected(error.code());
        badInputLog.warn(error.code().name(), "refused remote={} code={} reason={}",
                ctx.channel().remoteAddress(), error.code(), error.getMessage());
        writeErrorAndClose(ctx, requestId, error.code(), error.getMessage());
    }

    @Override
    public void protocolError(ChannelHandlerContext ctx, ProtocolException error) {
        refuse(ctx, error.requestId(), error);
    }

    @Override
    public void unexpected(ChannelHandlerContext ctx, Throwable cause) {
        metrics.tcpRejected(ErrorCode.ERROR_CODE_INTERNAL);
        badInputLog.warn("unexpected", "closing connection after unexpected error remote={} error={}",
                ctx.channel().remoteAddress(), cause.toString());
        writeErrorAndClose(ctx, 0, ErrorCode.ERROR_CODE_INTERNAL, "internal error");
    }

    private static void writeErrorAndClose(ChannelHandlerContext ctx, long requestId, ErrorCode code, String message) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(reply(requestId).setError(Error.newBuilder().setCode(code).setMessage(message)).build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    static ServerMessage.Builder reply(long requestId) {
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(requestId);
    }
}
