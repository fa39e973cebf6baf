package io.skirmish.kit.net.guard;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.skirmish.kit.log.RateLimitedLog;

/**
 * Sits right after Netty's {@code SslHandler}: a failed TLS handshake (plaintext sent to a TLS
 * port, no common protocol or cipher, a handshake that takes too long) is counted, logged at a
 * bounded rate and the connection closed, instead of reaching the service handler as an
 * "unexpected error" that would try to answer in its own protocol over a broken TLS session.
 *
 * <p>One instance per connection, on its event loop.
 */
public final class TlsHandshakeGuard extends ChannelInboundHandlerAdapter {

    private final GuardMetrics metrics;
    private final RateLimitedLog log;
    private boolean failed;

    public TlsHandshakeGuard(GuardMetrics metrics, RateLimitedLog log) {
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
            fail(ctx, completion.cause());
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof SSLException) {
            fail(ctx, root);
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (!failed) {
            failed = true;
            metrics.closed(GuardRefusal.TLS_HANDSHAKE);
            log.warn(GuardRefusal.TLS_HANDSHAKE.tag(), "TLS handshake failed remote={} error={}",
                    ctx.channel().remoteAddress(), String.valueOf(cause));
        }
        ctx.close();
    }
}
