package io.skirmish.ranking.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.kit.net.ConnectionErrorHandler;
import io.skirmish.kit.net.guard.GuardEvent;
import io.skirmish.kit.net.guard.GuardTimeoutHandler;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import org.junit.jupiter.api.Test;

/** The end of the ranking chain: service-kit's timeout and error handlers answering through {@link QueryRefusals}. */
class ConnectionEndTest {

    private final QueryProbe probe = new QueryProbe();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            GuardTimeoutHandler.idleOnly(RankingNetServer.IDLE_REASON), new ConnectionErrorHandler(probe.refusals));

    @Test
    void answersAProtocolErrorWithItsCodeAndCloses() {
        channel.pipeline().fireExceptionCaught(ProtocolException.forRequest(ErrorCode.ERROR_CODE_UNSUPPORTED_VERSION,
                "version 9", 21));

        Error error = QueryProbe.nextError(channel, 21);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNSUPPORTED_VERSION);
        assertThat(probe.rejected(ErrorCode.ERROR_CODE_UNSUPPORTED_VERSION)).isEqualTo(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void tellsAnIdleClientWhyItIsClosed() {
        channel.pipeline().fireUserEventTriggered(GuardEvent.IDLE);

        Error error = QueryProbe.nextError(channel, 0);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_IDLE_TIMEOUT);
        assertThat(error.getMessage()).isEqualTo("ERROR_CODE_IDLE_TIMEOUT: no query within the idle timeout");
        assertThat(probe.rejected(ErrorCode.ERROR_CODE_IDLE_TIMEOUT)).isEqualTo(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesAfterAnUnexpectedErrorWithoutSayingWhatItWas() {
        channel.pipeline().fireExceptionCaught(new IllegalStateException("secret detail"));

        Error error = QueryProbe.nextError(channel, 0);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_INTERNAL);
        assertThat(error.getMessage()).isEqualTo("internal error");
        assertThat(probe.rejected(ErrorCode.ERROR_CODE_INTERNAL)).isEqualTo(1);
        assertThat(channel.isOpen()).isFalse();
    }
}
