package io.skirmish.kit.net;

import io.netty.channel.ChannelHandlerContext;
import io.skirmish.protocol.ProtocolException;

/**
 * How a service answers, in its own protocol, what reaches the end of its request chain as an
 * exception ({@link ConnectionErrorHandler}): each answer is an {@code Error}, a count in the
 * service's rejection metric and a line in its rate-limited log. Called on the connection's
 * event loop.
 */
public interface ErrorAnswers {

    /**
     * A protocol error: a frame or envelope the decoders refused, or a guard's timeout. Answered
     * with its code and {@code request_id}; the service closes the connection when its byte stream
     * can no longer be trusted (for most services, always).
     */
    void protocolError(ChannelHandlerContext ctx, ProtocolException error);

    /** Anything else: an {@code INTERNAL} error that says nothing of the cause, then the close. */
    void unexpected(ChannelHandlerContext ctx, Throwable cause);
}
