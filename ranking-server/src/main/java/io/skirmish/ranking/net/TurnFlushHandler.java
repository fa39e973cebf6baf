package io.skirmish.ranking.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.skirmish.kit.redis.link.TurnFlusher;

/**
 * Replies written during one event-loop turn leave in one flush: the first write of a turn asks
 * the loop's {@link TurnFlusher} for a flush at its end, later ones ride along. The queries of one
 * read (and the answers of one Redis read) then cost one system call per connection, not one each.
 * An explicit flush (a closing error) still goes out at once.
 *
 * <p>One instance per connection, called on its event loop only (the flusher's loop).
 */
final class TurnFlushHandler extends ChannelOutboundHandlerAdapter implements TurnFlusher.Flushable {

    private final TurnFlusher flusher;
    private ChannelHandlerContext ctx;
    private boolean flushQueued;

    TurnFlushHandler(TurnFlusher flusher) {
        this.flusher = flusher;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void write(ChannelHandlerContext context, Object msg, ChannelPromise promise) {
        context.write(msg, promise);
        if (!flushQueued) {
            flushQueued = true;
            flusher.flushLater(this);
        }
    }

    @Override
    public void flushNow() {
        flushQueued = false;
        ctx.flush();
    }
}
