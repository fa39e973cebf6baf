package io.skirmish.kit.net.guard;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.skirmish.kit.log.RateLimitedLog;

/**
 * An absolute deadline for the handshake (game-server Connect, match-server Login): armed when the
 * connection opens, never pushed back by anything the client sends (a Ping before the handshake
 * does not buy time), removed by the service handler when its handshake succeeds
 * ({@link TcpGuards#handshakeDone}). When it fires, the service handler gets
 * {@link GuardEvent#HANDSHAKE_DEADLINE} to write its error, then the connection is closed.
 *
 * <p>One instance per connection, on its event loop.
 */
public final class HandshakeDeadlineHandler extends ChannelInboundHandlerAdapter {

    private final long deadlineNanos;
    private final GuardMetrics metrics;
    private final RateLimitedLog log;
    private ScheduledFuture<?> timer;

    public HandshakeDeadlineHandler(long deadlineNanos, GuardMetrics metrics, RateLimitedLog log) {
        this.deadlineNanos = deadlineNanos;
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> expire(ctx), deadlineNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        metrics.closed(GuardRefusal.HANDSHAKE_DEADLINE);
        log.warn(GuardRefusal.HANDSHAKE_DEADLINE.tag(), "closing connection without handshake remote={} deadlineMs={}",
                ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(deadlineNanos));
        ctx.fireUserEventTriggered(GuardEvent.HANDSHAKE_DEADLINE);
        // From the tail: handlers after this one (a flush consolidator) send the service's error first.
        ctx.channel().close();
    }

    /** Removes the deadline from {@code pipeline} if it is there (the handshake succeeded). */
    static void remove(ChannelPipeline pipeline) {
        if (pipeline.get(HandshakeDeadlineHandler.class) != null) {
            pipeline.remove(HandshakeDeadlineHandler.class);
        }
    }
}
