package io.skirmish.match.net;

import com.google.protobuf.ByteString;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.LeaveQueue;
import io.skirmish.protocol.match.v1.Login;
import io.skirmish.protocol.match.v1.QueueStatusRequest;
import io.skirmish.protocol.token.SessionTokens;
import io.skirmish.protocol.token.TokenKeyRing;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

class SessionAuthenticationHandlerTest {

    private final RefusalProbe probe = new RefusalProbe();
    private final SessionTokens sessions = new SessionTokens(TokenKeyRing.of(1, new byte[32]),
            InstantSource.fixed(Instant.parse("2026-12-07T12:00:00Z")), Duration.ofHours(1), new SecureRandom());
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ConnectionState state = new ConnectionState(channel);

    SessionAuthenticationHandlerTest() {
        channel.pipeline().addLast(new SessionAuthenticationHandler(sessions, state, probe.refusals));
    }

    private ByteString tokenOf(String player) {
        return ByteString.copyFrom(sessions.issue(player).bytes());
    }

    private static ClientMessage status(long requestId, ByteString token) {
        return ClientMessage.newBuilder().setRequestId(requestId)
                .setQueueStatus(QueueStatusRequest.newBuilder().setSessionToken(token)).build();
    }

    private static ClientMessage ping(long requestId) {
        return ClientMessage.newBuilder().setRequestId(requestId).setPing(Ping.getDefaultInstance()).build();
    }

    @Test
    void leavesThePlayerOfASessionLoggedInHereForTheDispatcher() {
        state.players().add("ana");
        ClientMessage request = ClientMessage.newBuilder().setRequestId(1)
                .setLeaveQueue(LeaveQueue.newBuilder().setSessionToken(tokenOf("ana"))).build();
        channel.writeInbound(request);

        assertThat((Object) channel.readInbound()).isSameAs(request);
        assertThat(state.authenticatedPlayer()).isEqualTo("ana");
    }

    @Test
    void refusesASessionWhosePlayerIsNotLoggedInOnThisConnection() {
        state.players().add("ana");
        channel.writeInbound(status(2, tokenOf("bo")));

        Error error = RefusalProbe.onlyError(channel, 2);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(error.getMessage())
                .isEqualTo("ERROR_CODE_UNAUTHENTICATED: the session is not logged in on this connection (or was replaced by a newer login)");
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(probe.rejected("unauthenticated")).isEqualTo(1);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void refusesATokenThatDoesNotVerify() {
        state.players().add("ana");
        channel.writeInbound(status(3, ByteString.copyFromUtf8("not a token")));

        assertThat(RefusalProbe.onlyError(channel, 3).getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void refusesAPingBeforeAnyLoginAndCloses() {
        channel.writeInbound(ping(4));

        Error error = RefusalProbe.onlyError(channel, 4);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(error.getMessage()).isEqualTo("ERROR_CODE_UNAUTHENTICATED: Ping before Login");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void passesAPingOnceAPlayerIsLoggedIn() {
        state.players().add("ana");
        ClientMessage ping = ping(5);
        channel.writeInbound(ping);

        assertThat((Object) channel.readInbound()).isSameAs(ping);
    }

    @Test
    void passesALoginWithNoPlayerRecorded() {
        state.players().add("ana");
        channel.writeInbound(status(6, tokenOf("ana")));
        channel.readInbound();
        ClientMessage login = ClientMessage.newBuilder().setRequestId(7).setLogin(Login.getDefaultInstance()).build();
        channel.writeInbound(login);

        assertThat((Object) channel.readInbound()).isSameAs(login);
        assertThat(state.authenticatedPlayer()).as("no stale player from the request before").isNull();
    }
}
