package io.skirmish.kit.net;

import java.nio.channels.ClosedChannelException;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.skirmish.protocol.ProtocolException;

/**
 * The last link of every service's request chain: whatever reached the end of the pipeline as an
 * exception is answered through the service's {@link ErrorAnswers}. A {@link ProtocolException}
 * (also when a decoder wrapped it in a {@link DecoderException}) is a protocol error, answered
 * with its code; a {@link ClosedChannelException} is a reply that raced the close (written without
 * a promise) and is dropped, there being nobody to tell; anything else is unexpected. One place,
 * so that the game, match and ranking ports end a connection alike.
 *
 * <p>Stateless: one instance serves every connection of a port.
 */
@ChannelHandler.Sharable
public final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {

    private final ErrorAnswers answers;

    public ConnectionErrorHandler(ErrorAnswers answers) {
        this.answers = answers;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() instanceof ProtocolException
                ? cause.getCause() : cause;
        if (root instanceof ProtocolException protocolError) {
            answers.protocolError(ctx, protocolError);
            return;
        }
        if (root instanceof ClosedChannelException) {
            return;
        }
        answers.unexpected(ctx, cause);
    }
}
