package io.skirmish.kit.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import org.junit.jupiter.api.Test;

class ConnectionErrorHandlerTest {

    /** The service's answers as the test records them. */
    private static final class Recorded implements ErrorAnswers {
        final List<ProtocolException> protocolErrors = new ArrayList<>();
        final List<Throwable> unexpected = new ArrayList<>();

        @Override
        public void protocolError(ChannelHandlerContext ctx, ProtocolException error) {
            protocolErrors.add(error);
        }

        @Override
        public void unexpected(ChannelHandlerContext ctx, Throwable cause) {
            unexpected.add(cause);
        }
    }

    private final Recorded answers = new Recorded();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ConnectionErrorHandler(answers));

    @Test
    void answersAProtocolErrorAsOne() {
        ProtocolException error = ProtocolException.forRequest(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE, "bad", 4);

        channel.pipeline().fireExceptionCaught(error);

        assertThat(answers.protocolErrors).containsExactly(error);
        assertThat(answers.unexpected).isEmpty();
    }

    @Test
    void findsTheProtocolErrorADecoderWrapped() {
        ProtocolException error = new ProtocolException(ErrorCode.ERROR_CODE_FRAME_TOO_LARGE, "70000 > 65536");

        channel.pipeline().fireExceptionCaught(new DecoderException(error));

        assertThat(answers.protocolErrors).containsExactly(error);
    }

    @Test
    void dropsAReplyThatRacedTheClose() {
        channel.pipeline().fireExceptionCaught(new ClosedChannelException());

        assertThat(answers.protocolErrors).isEmpty();
        assertThat(answers.unexpected).isEmpty();
    }

    @Test
    void answersAnythingElseAsUnexpected() {
        IllegalStateException bug = new IllegalStateException("bug");

        channel.pipeline().fireExceptionCaught(bug);

        assertThat(answers.unexpected).containsExactly(bug);
    }
}
