package io.skirmish.kit.net.guard;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.skirmish.kit.log.RateLimitedLog;

/**
 * Bounds what a connection that does not read its replies can cost: while its unsent bytes are
 * above the channel's high-water mark ({@code WRITE_BUFFER_WATER_MARK}, set by {@link TcpGuards})
 * the connection is not read, so it cannot queue more requests; past the hard limit (pushes keep
 * coming, or replies of requests read before the pause) it is closed. Without this, a client
 * pipelining a million requests and never reading makes the server hold a million replies.
 *
 * <p>One instance per connection, on its event loop. Sits next to the socket, below TLS: it counts
 * the bytes as they will go out.
 */
public final class WriteBackpressureHandler extends ChannelDuplexHandler {

    private final long writeLimitBytes;
    private final GuardMetrics metrics;
    private final RateLimitedLog log;
    private boolean closing;

    public WriteBackpressureHandler(long writeLimitBytes, GuardMetrics metrics, RateLimitedLog log) {
        this.writeLimitBytes = writeLimitBytes;
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        boolean writable = ctx.channel().isWritable();
        if (!writable) {
            metrics.paused();
        }
        ReadPause.set(ctx.channel(), ReadPause.UNWRITABLE, !writable);
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        super.write(ctx, msg, promise);
        ChannelOutboundBuffer unsent = ctx.channel().unsafe().outboundBuffer();
        if (!closing && unsent != null && unsent.totalPendingWriteBytes() > writeLimitBytes) {
            closing = true;
            metrics.closed(GuardRefusal.WRITE_LIMIT);
            log.warn(GuardRefusal.WRITE_LIMIT.tag(), "closing connection that does not read remote={} unsentBytes={} limit={}",
                    ctx.channel().remoteAddress(), unsent.totalPendingWriteBytes(), writeLimitBytes);
            ctx.close();
        }
    }
}
