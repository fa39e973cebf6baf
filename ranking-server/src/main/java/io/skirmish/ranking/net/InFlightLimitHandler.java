package io.skirmish.ranking.net;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.skirmish.kit.net.guard.ReadPause;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.ServerMessage;

/**
 * First link of the ranking request chain: bounds the queries of one connection waiting for
 * Redis. A query passing in counts until its answer (every query gets exactly one
 * {@code ServerMessage}) passes back out. At {@code max} the connection is not read until half
 * are answered; a query decoded beyond it anyway (from the same read) is answered
 * {@code SERVER_BUSY} with a retry hint and goes no further. So one client pipelining a burst
 * cannot take its event loop's Redis link from the other connections.
 *
 * <p>One instance per connection, called on its event loop only.
 */
final class InFlightLimitHandler extends ChannelDuplexHandler {

    static final int BUSY_RETRY_MS = 100;

    private final int max;
    private final QueryRefusals refusals;
    private int inFlight;

    InFlightLimitHandler(int max, QueryRefusals refusals) {
        if (max < 2) {
            throw new IllegalArgumentException("max in flight must be >= 2 (reading resumes at half): " + max);
        }
        this.max = max;
        this.refusals = refusals;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ClientMessage query)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (inFlight >= max) {
            refusals.refuse(ctx, query.getRequestId(), ErrorCode.ERROR_CODE_SERVER_BUSY,
                    "too many queries in flight on this connection", BUSY_RETRY_MS);
            return;
        }
        inFlight++;
        if (inFlight == max) {
            ReadPause.set(ctx.channel(), ReadPause.IN_FLIGHT, true);
        }
        ctx.fireChannelRead(query);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // The last Error of a closing connection may answer no counted query: hence the floor.
        if (msg instanceof ServerMessage && inFlight > 0) {
            inFlight--;
            if (inFlight == max / 2 && ReadPause.isPaused(ctx.channel(), ReadPause.IN_FLIGHT)) {
                ReadPause.set(ctx.channel(), ReadPause.IN_FLIGHT, false);
            }
        }
        ctx.write(msg, promise);
    }

    /** Queries read and not answered yet (tests). */
    int inFlight() {
        return inFlight;
    }
}
