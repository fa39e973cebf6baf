package io.skirmish.kit.net.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import org.junit.jupiter.api.Test;

class GuardTimeoutHandlerTest {

    /** The service's error path: records the exceptions and events that reach it. */
    private static final class ServiceSeat extends ChannelInboundHandlerAdapter {
        final List<Throwable> errors = new ArrayList<>();
        final List<Object> events = new ArrayList<>();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            events.add(event);
        }
    }

    private final ServiceSeat seat = new ServiceSeat();

    private static ProtocolException only(List<Throwable> errors) {
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isInstanceOf(ProtocolException.class);
        return (ProtocolException) errors.get(0);
    }

    @Test
    void tellsAMissedHandshakeDeadlineAsAnIdleTimeoutNamingTheHandshake() {
        EmbeddedChannel channel = new EmbeddedChannel(GuardTimeoutHandler.forHandshake("Login"), seat);

        channel.pipeline().fireUserEventTriggered(GuardEvent.HANDSHAKE_DEADLINE);

        ProtocolException error = only(seat.errors);
        assertThat(error.code()).isEqualTo(ErrorCode.ERROR_CODE_IDLE_TIMEOUT);
        assertThat(error.getMessage()).isEqualTo("ERROR_CODE_IDLE_TIMEOUT: no Login within the time limit");
        assertThat(error.requestId()).isZero();
        assertThat(seat.events).as("the event itself goes no further").isEmpty();
    }

    @Test
    void tellsAnIdleConnectionThatItHadNoTraffic() {
        EmbeddedChannel channel = new EmbeddedChannel(GuardTimeoutHandler.forHandshake("Connect"), seat);

        channel.pipeline().fireUserEventTriggered(GuardEvent.IDLE);

        assertThat(only(seat.errors).getMessage())
                .isEqualTo("ERROR_CODE_IDLE_TIMEOUT: " + GuardTimeoutHandler.IDLE_REASON);
    }

    @Test
    void answersAServicesOwnTimeoutEventWithItsReason() {
        Object silent = new Object();
        EmbeddedChannel channel = new EmbeddedChannel(
                GuardTimeoutHandler.forHandshake("Connect").with(silent, "no UDP within the silence"), seat);

        channel.pipeline().fireUserEventTriggered(silent);

        assertThat(only(seat.errors).getMessage()).isEqualTo("ERROR_CODE_IDLE_TIMEOUT: no UDP within the silence");
    }

    @Test
    void aPortWithoutHandshakeLeavesTheDeadlineEventAlone() {
        EmbeddedChannel channel = new EmbeddedChannel(GuardTimeoutHandler.idleOnly("no query within the idle timeout"),
                seat);

        channel.pipeline().fireUserEventTriggered(GuardEvent.HANDSHAKE_DEADLINE);
        channel.pipeline().fireUserEventTriggered(GuardEvent.IDLE);

        assertThat(seat.events).containsExactly(GuardEvent.HANDSHAKE_DEADLINE);
        assertThat(only(seat.errors).getMessage()).isEqualTo("ERROR_CODE_IDLE_TIMEOUT: no query within the idle timeout");
    }

    @Test
    void passesOtherEventsOn() {
        Object other = "tls-done";
        EmbeddedChannel channel = new EmbeddedChannel(GuardTimeoutHandler.forHandshake("Login"), seat);

        channel.pipeline().fireUserEventTriggered(other);

        assertThat(seat.events).containsExactly(other);
        assertThat(seat.errors).isEmpty();
    }
}
