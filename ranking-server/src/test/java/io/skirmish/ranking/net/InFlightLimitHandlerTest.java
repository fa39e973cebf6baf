package io.skirmish.ranking.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.kit.net.guard.ReadPause;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.Rank;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import org.junit.jupiter.api.Test;

class InFlightLimitHandlerTest {

    private final QueryProbe probe = new QueryProbe();
    private final InFlightLimitHandler limit = new InFlightLimitHandler(4, probe.refusals);
    private final EmbeddedChannel channel = new EmbeddedChannel(limit);

    private static ClientMessage query(long requestId) {
        return ClientMessage.newBuilder().setRequestId(requestId).setRank(Rank.newBuilder().setPlayerId("p")).build();
    }

    private void answer(long requestId) {
        channel.writeOutbound(ServerMessage.newBuilder().setRequestId(requestId).build());
        channel.readOutbound();
    }

    @Test
    void passesTheSameQueriesOnBelowTheLimit() {
        ClientMessage first = query(1);
        channel.writeInbound(first, query(2));

        assertThat((Object) channel.readInbound()).isSameAs(first);
        assertThat(limit.inFlight()).isEqualTo(2);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void stopsReadingTheConnectionAtTheLimit() {
        channel.writeInbound(query(1), query(2), query(3), query(4));

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(ReadPause.isPaused(channel, ReadPause.IN_FLIGHT)).isTrue();
    }

    @Test
    void answersAQueryBeyondTheLimitBusyAndKeepsItFromTheDispatcher() {
        channel.writeInbound(query(1), query(2), query(3), query(4), query(5));

        for (int i = 0; i < 4; i++) {
            channel.readInbound();
        }
        assertThat((Object) channel.readInbound()).as("the refused query goes no further").isNull();
        Error error = QueryProbe.nextError(channel, 5);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_SERVER_BUSY);
        assertThat(error.getRetryAfterMs()).isEqualTo(InFlightLimitHandler.BUSY_RETRY_MS);
        assertThat(probe.refused(ErrorCode.ERROR_CODE_SERVER_BUSY)).isEqualTo(1);
        assertThat(limit.inFlight()).as("a refusal is no answer to a counted query").isEqualTo(4);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void readsAgainOnceHalfOfTheQueriesAreAnswered() {
        channel.writeInbound(query(1), query(2), query(3), query(4));

        answer(1);
        assertThat(channel.config().isAutoRead()).as("three still waiting").isFalse();
        answer(2);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(limit.inFlight()).isEqualTo(2);
    }

    @Test
    void aClosingErrorWithoutAQueryDoesNotCountBelowZero() {
        answer(0);

        assertThat(limit.inFlight()).isZero();
    }
}
