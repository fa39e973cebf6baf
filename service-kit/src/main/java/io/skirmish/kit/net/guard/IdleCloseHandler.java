package io.skirmish.kit.net.guard;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.skirmish.kit.log.RateLimitedLog;

/**
 * Closes a connection on which nothing was read or written for the idle timeout (a client that
 * logged in and went away without closing holds a socket, a session and its bindings). The
 * service handler gets {@link GuardEvent#IDLE} first, to write its error.
 *
 * <p>One instance per connection, on its event loop.
 */
public final class IdleCloseHandler extends IdleStateHandler {

    private final GuardMetrics metrics;
    private final RateLimitedLog log;

    public IdleCloseHandler(long idleNanos, GuardMetrics metrics, RateLimitedLog log) {
        super(0, 0, idleNanos, TimeUnit.NANOSECONDS);
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (!ctx.channel().isActive()) {
            return;
        }
        metrics.closed(GuardRefusal.IDLE);
        log.warn(GuardRefusal.IDLE.tag(), "closing idle connection remote={}", ctx.channel().remoteAddress());
        ctx.fireUserEventTriggered(GuardEvent.IDLE);
        // From the tail: handlers after this one (a flush consolidator) send the service's error first.
        ctx.channel().close();
    }
}
