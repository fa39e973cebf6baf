package io.skirmish.match.net;

import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.match.v1.ClientMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBudgetHandlerTest {

    private final RefusalProbe probe = new RefusalProbe();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new RequestBudgetHandler(RequestLimit.parse("10:2"), probe.clock, probe.refusals));

    private static ClientMessage ping(long requestId) {
        return ClientMessage.newBuilder().setRequestId(requestId).setPing(Ping.newBuilder().setClientTimeMs(1)).build();
    }

    @Test
    void passesTheSameMessageOnWhileTheBurstLasts() {
        ClientMessage first = ping(1);
        ClientMessage second = ping(2);
        channel.writeInbound(first, second);

        assertThat((Object) channel.readInbound()).isSameAs(first);
        assertThat((Object) channel.readInbound()).isSameAs(second);
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void refusesARequestPastTheBurstWithWhenToRetry() {
        channel.writeInbound(ping(1), ping(2), ping(3));
        channel.readInbound();
        channel.readInbound();

        Error error = RefusalProbe.onlyError(channel, 3);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_RATE_LIMITED);
        assertThat(error.getMessage()).isEqualTo("ERROR_CODE_RATE_LIMITED: more than " + RequestLimit.parse("10:2")
                + " requests per second and burst on this connection");
        assertThat(error.getRetryAfterMs()).isEqualTo(100); // 10 per second: a token every 100 ms
        assertThat((Object) channel.readInbound()).as("a refused request goes no further").isNull();
        assertThat(probe.rejected("rate_limited")).isEqualTo(1);
        assertThat(channel.isActive()).as("a refusal keeps the connection").isTrue();
    }

    @Test
    void takesRequestsAgainOnceTheInjectedClockRefillsTheBudget() {
        channel.writeInbound(ping(1), ping(2), ping(3));
        probe.clock.advanceMillis(100);
        ClientMessage later = ping(4);
        channel.writeInbound(later);

        channel.readInbound();
        channel.readInbound();
        assertThat((Object) channel.readInbound()).isSameAs(later);
    }
}
