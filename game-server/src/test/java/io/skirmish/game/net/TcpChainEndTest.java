package io.skirmish.game.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.kit.net.ConnectionErrorHandler;
import io.skirmish.kit.net.guard.GuardEvent;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.game.v1.ServerMessage;
import org.junit.jupiter.api.Test;

/** The whole TCP chain as {@link GameNetServer#initRequestChain} composes it: timeouts and the connection's end. */
class TcpChainEndTest {

    private final TcpChainFixture fixture = new TcpChainFixture();
    private final EmbeddedChannel channel = TcpChainFixture.channel();

    TcpChainEndTest() {
        GameNetServer.initRequestChain(channel, fixture.context, fixture.refusals,
                GameNetServer.timeouts(), new ConnectionErrorHandler(fixture.refusals));
    }

    private Error closingError() {
        ServerMessage reply = TcpChainFixture.reply(channel);
        assertThat(reply).as("a reply").isNotNull();
        assertThat(channel.isOpen()).as("closed after the reply").isFalse();
        assertThat(fixture.rejected("idle_timeout") + fixture.rejected("internal")
                + fixture.rejected("malformed_message")).isEqualTo(1);
        return reply.getError();
    }

    @Test
    void tellsAClientThatNeverConnectedWhyItIsClosed() {
        channel.pipeline().fireUserEventTriggered(GuardEvent.HANDSHAKE_DEADLINE);

        Error error = closingError();
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_IDLE_TIMEOUT);
        assertThat(error.getMessage()).isEqualTo("ERROR_CODE_IDLE_TIMEOUT: no Connect within the time limit");
    }

    @Test
    void tellsASilentPlayerToResume() {
        channel.pipeline().fireUserEventTriggered(SilenceWatch.SILENT);

        assertThat(closingError().getMessage()).isEqualTo("ERROR_CODE_IDLE_TIMEOUT: " + GameNetServer.SILENT_REASON);
    }

    @Test
    void answersABadEnvelopeWithItsRequestIdAndCloses() {
        channel.pipeline().fireExceptionCaught(ProtocolException.forRequest(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE,
                "bad", 14));

        ServerMessage reply = TcpChainFixture.reply(channel);
        assertThat(reply.getRequestId()).isEqualTo(14);
        assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesAfterAnErrorNobodyExpectedWithoutSayingWhatItWas() {
        channel.pipeline().fireExceptionCaught(new IllegalStateException("secret detail"));

        Error error = closingError();
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_INTERNAL);
        assertThat(error.getMessage()).isEqualTo("internal error");
    }
}
