package io.skirmish.match.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.match.admission.LoginShedding;
import io.skirmish.match.queue.MatchMetrics;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.ClientMessage;

import java.util.function.LongSupplier;

/**
 * Sheds new logins while the instance's request queues stand ({@link LoginShedding}, on how
 * long they stand: {@code MatchNetContext#standingNs}): refused here,
 * on the event loop, before the version check, the identity check and any Redis command, with
 * {@code SERVER_BUSY} and a {@code retry_after_ms}, counted in
 * {@code match.requests.shed{request=login,reason=queue_delay}}. Every other request passes: a
 * logged-in player's join, leave or status is work already started, finished before new players
 * are let in. Stateless but for the shared shedding credit: one instance serves every connection.
 */
@ChannelHandler.Sharable
final class LoginAdmissionHandler extends SimpleChannelInboundHandler<ClientMessage> {

    private final LoginShedding shedding;
    private final LongSupplier standingNs;
    private final MatchMetrics metrics;
    private final Refusals refusals;

    /** @param standingNs how long the request queues stand ({@code MatchNetContext#standingNs}) */
    LoginAdmissionHandler(LoginShedding shedding, LongSupplier standingNs, MatchMetrics metrics, Refusals refusals) {
        super(false); // the message flows on to the next handler
        this.shedding = shedding;
        this.standingNs = standingNs;
        this.metrics = metrics;
        this.refusals = refusals;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        if (message.getBodyCase() != ClientMessage.BodyCase.LOGIN) {
            ctx.fireChannelRead(message);
            return;
        }
        long retryAfterMs = shedding.check(standingNs.getAsLong());
        if (retryAfterMs == 0) {
            ctx.fireChannelRead(message);
            return;
        }
        metrics.shed("login", "queue_delay");
        refusals.refuse(ctx, message.getRequestId(), new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY,
                "the server is busy: requests wait about " + retryAfterMs + " ms; retry later"), retryAfterMs);
    }
}
