package io.skirmish.match.net;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.skirmish.kit.net.ConnectionErrorHandler;
import io.skirmish.kit.net.guard.GuardEvent;
import io.skirmish.kit.net.guard.GuardTimeoutHandler;
import io.skirmish.match.admission.LoginShedding;
import io.skirmish.match.admission.RequestWorkers;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.ServerMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher's own answers, those that need no service: Ping, unknown messages and the
 * connection's end (with service-kit's timeout and error handlers around it, as in the server). Requests that reach Redis are covered by the server's integration tests.
 */
class RequestDispatcherTest {

    private final RefusalProbe probe = new RefusalProbe();
    private final RequestWorkers workers = new RequestWorkers(1, 16, Duration.ofSeconds(5), probe.clock, Thread::new);
    private final MatchNetContext context = new MatchNetContext(null, null, null, null, false, null, null, null,
            workers, probe.metrics, null, InstantSource.fixed(Instant.ofEpochMilli(5_000)), 4, RequestLimit.OFF,
            null, null, 2, probe.clock, new LoginShedding(Duration.ofMillis(500)));
    private final EmbeddedChannel channel = new EmbeddedChannel();

    RequestDispatcherTest() {
        // The dispatcher between service-kit's ends of the chain, as MatchNetServer composes it.
        channel.pipeline().addLast(GuardTimeoutHandler.forHandshake("Login"),
                new RequestDispatcher(context, new ConnectionState(channel), probe.refusals),
                new ConnectionErrorHandler(probe.refusals));
    }

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void answersAPingWithTheClientsTimeAndItsOwn() {
        channel.writeInbound(ClientMessage.newBuilder().setRequestId(11)
                .setPing(Ping.newBuilder().setClientTimeMs(1_234)).build());

        ServerMessage reply = channel.readOutbound();
        assertThat(reply.getRequestId()).isEqualTo(11);
        assertThat(reply.getPong().getClientTimeMs()).isEqualTo(1_234);
        assertThat(reply.getPong().getServerTimeMs()).isEqualTo(5_000);
    }

    @Test
    void refusesAMessageItDoesNotServeAndKeepsTheConnection() {
        channel.writeInbound(ClientMessage.newBuilder().setRequestId(12).build());

        Error error = RefusalProbe.onlyError(channel, 12);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNKNOWN_MESSAGE);
        assertThat(error.getMessage()).isEqualTo("ERROR_CODE_UNKNOWN_MESSAGE: message BODY_NOT_SET is not served here");
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void answersAMalformedStreamAndCloses() {
        channel.pipeline().fireExceptionCaught(new DecoderException(ProtocolException.forRequest(
                ErrorCode.ERROR_CODE_MALFORMED_MESSAGE, "bad envelope", 13)));
        channel.runPendingTasks();

        assertThat(RefusalProbe.onlyError(channel, 13).getCode()).isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE);
        assertThat(probe.rejected("malformed_message")).isEqualTo(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesWhenTheGuardsSayTheConnectionWentIdle() {
        channel.pipeline().fireUserEventTriggered(GuardEvent.IDLE);
        channel.runPendingTasks();

        Error error = RefusalProbe.onlyError(channel, 0);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_IDLE_TIMEOUT);
        assertThat(error.getMessage()).isEqualTo("ERROR_CODE_IDLE_TIMEOUT: no traffic within the idle timeout");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesAfterAnErrorNobodyExpected() {
        channel.pipeline().fireExceptionCaught(new IllegalStateException("boom"));
        channel.runPendingTasks();

        Error error = RefusalProbe.onlyError(channel, 0);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_INTERNAL);
        assertThat(error.getMessage()).isEqualTo("internal error");
        assertThat(channel.isOpen()).isFalse();
    }
}
