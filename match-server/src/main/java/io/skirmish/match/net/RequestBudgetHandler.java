package io.skirmish.match.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.ClientMessage;

import java.util.function.LongSupplier;

/**
 * First link of the request chain: every request takes a token from the connection's
 * {@link RequestBudget} before anything else looks at it; without one it is refused with
 * {@code RATE_LIMITED} and a {@code retry_after_ms}, and goes no further. The budget does not grow
 * with the players logged in on the connection. One instance per connection (it owns the budget);
 * left out of the pipeline when limits are off.
 */
final class RequestBudgetHandler extends SimpleChannelInboundHandler<ClientMessage> {

    private final RequestLimit limit;
    private final LongSupplier nanoClock;
    private final Refusals refusals;
    private RequestBudget budget;

    RequestBudgetHandler(RequestLimit limit, LongSupplier nanoClock, Refusals refusals) {
        super(false); // the message flows on to the next handler
        this.limit = limit;
        this.nanoClock = nanoClock;
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        budget = new RequestBudget(limit, nanoClock.getAsLong());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        long now = nanoClock.getAsLong();
        if (budget.tryTake(now)) {
            ctx.fireChannelRead(message);
            return;
        }
        refusals.refuse(ctx, message.getRequestId(), new ProtocolException(ErrorCode.ERROR_CODE_RATE_LIMITED,
                "more than " + limit + " requests per second and burst on this connection"), budget.retryAfterMs(now));
    }
}
