package io.skirmish.kit.net.guard;

import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;

/**
 * Turns a guard's timeout (a {@link GuardEvent}, or a service's own timeout event) into the
 * protocol error the client is told before the close: an {@code IDLE_TIMEOUT}
 * {@link ProtocolException}, fired down the pipeline as an exception so that the service's one
 * error path answers it, counts it and logs it, like any other protocol error. Events it was not
 * given a reason for pass on untouched. One place for every service, so that a timeout reads the
 * same on each port and only the words (what the handshake is called) differ.
 *
 * <p>Stateless: one instance serves every connection of a port. Place it after the guards and the
 * codecs, before the service's handlers.
 */
@ChannelHandler.Sharable
public final class GuardTimeoutHandler extends ChannelInboundHandlerAdapter {

    /** What a port without a handshake of its own says when it closes an idle connection. */
    public static final String IDLE_REASON = "no traffic within the idle timeout";

    private final Map<Object, String> reasons;

    private GuardTimeoutHandler(Map<Object, String> reasons) {
        this.reasons = Map.copyOf(reasons);
    }

    /**
     * For a port whose first message is a handshake: {@code handshake} names it in the deadline's
     * reason ({@code "no Login within the time limit"}); idle connections get {@link #IDLE_REASON}.
     */
    public static GuardTimeoutHandler forHandshake(String handshake) {
        Map<Object, String> reasons = new LinkedHashMap<>();
        reasons.put(GuardEvent.HANDSHAKE_DEADLINE, "no " + handshake + " within the time limit");
        reasons.put(GuardEvent.IDLE, IDLE_REASON);
        return new GuardTimeoutHandler(reasons);
    }

    /** For a port without a handshake: only the idle timeout, told as {@code idleReason}. */
    public static GuardTimeoutHandler idleOnly(String idleReason) {
        return new GuardTimeoutHandler(Map.of(GuardEvent.IDLE, idleReason));
    }

    /** A copy that also answers the service's own timeout {@code event} with {@code reason}. */
    public GuardTimeoutHandler with(Object event, String reason) {
        Map<Object, String> more = new LinkedHashMap<>(reasons);
        more.put(event, reason);
        return new GuardTimeoutHandler(more);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        String reason = reasons.get(event);
        if (reason == null) {
            super.userEventTriggered(ctx, event);
            return;
        }
        ctx.fireExceptionCaught(new ProtocolException(ErrorCode.ERROR_CODE_IDLE_TIMEOUT, reason));
    }
}
