package io.skirmish.kit.net.guard;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.skirmish.kit.log.RateLimitedLog;

/**
 * First handler of every client connection: counts it against the port's caps
 * ({@link ConnectionCounter}) and closes it at once, before TLS or any read, when a cap is
 * reached. Nothing is written to a refused connection: an attacker opening thousands learns
 * nothing and costs one accept and one close each.
 *
 * <p>Shared by every connection of a port; called on each connection's event loop.
 */
@ChannelHandler.Sharable
public final class ConnectionCapHandler extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("skirmish.guard.counted");

    private final ConnectionCounter counter;
    private final GuardMetrics metrics;
    private final RateLimitedLog log;

    public ConnectionCapHandler(ConnectionCounter counter, GuardMetrics metrics, RateLimitedLog log) {
        this.counter = counter;
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = sourceAddress(ctx);
        GuardRefusal refusal = counter.tryAcquire(address);
        if (refusal != null) {
            metrics.closed(refusal);
            log.warn(refusal.tag(), "connection refused remote={} reason={} open={}", ctx.channel().remoteAddress(),
                    refusal.tag(), counter.open());
            ctx.channel().config().setAutoRead(false);
            ctx.close();
            return;
        }
        ctx.channel().attr(COUNTED).set(address);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        InetAddress counted = ctx.channel().attr(COUNTED).getAndSet(null);
        if (counted != null) {
            counter.release(counted);
            super.channelInactive(ctx);
        }
    }

    private static InetAddress sourceAddress(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress inet) {
            return inet.getAddress();
        }
        // In-process transports (EmbeddedChannel, LocalChannel) have no IP: they share one address.
        return InetAddress.getLoopbackAddress();
    }
}
