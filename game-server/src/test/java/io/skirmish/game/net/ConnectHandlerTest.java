package io.skirmish.game.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.game.tick.InboundDescriptor;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.game.v1.ClientMessage;
import io.skirmish.protocol.game.v1.ServerMessage;
import io.skirmish.protocol.game.v1.Welcome;
import org.junit.jupiter.api.Test;

class ConnectHandlerTest {

    private final TcpChainFixture fixture = new TcpChainFixture();

    private EmbeddedChannel connection() {
        return TcpChainFixture.channel(new ConnectHandler(fixture.context,
                new PlayerSlot(fixture.directory, fixture.context.badInputLog()), fixture.refusals));
    }

    private static ClientMessage ping(long requestId) {
        return ClientMessage.newBuilder().setRequestId(requestId).setPing(Ping.newBuilder().setClientTimeMs(1)).build();
    }

    private static ServerMessage.BodyCase errorCode(ServerMessage reply, ErrorCode code) {
        assertThat(reply.getError().getCode()).isEqualTo(code);
        return reply.getBodyCase();
    }

    @Test
    void welcomesAPlayerOfAHostedMatchAndTellsTheTickAgent() {
        EmbeddedChannel channel = connection();

        channel.writeInbound(TcpChainFixture.connect(3, fixture.token("bob", "m-1"), ByteString.EMPTY));

        ServerMessage reply = TcpChainFixture.reply(channel);
        assertThat(reply.getRequestId()).isEqualTo(3);
        Welcome welcome = reply.getWelcome();
        assertThat(welcome.getMatch().getMatchId()).isEqualTo("m-1");
        assertThat(welcome.getReconnected()).isFalse();
        assertThat(welcome.getResumeSecret().size()).isEqualTo(MatchSessions.RESUME_SECRET_BYTES);
        assertThat(welcome.getServerTimeMs()).isEqualTo(TcpChainFixture.NOW.toEpochMilli());
        assertThat(fixture.agentEvents()).containsExactly(InboundDescriptor.CONNECTED);
        assertThat(fixture.directory.connectedPlayers()).isEqualTo(1);
        assertThat(fixture.match.connection(1).connectionId()).isEqualTo(welcome.getConnectionId());
    }

    @Test
    void keepsTheSlotForTheGraceWhenTheConnectionDropsAndResumesItWithTheSecret() {
        EmbeddedChannel first = connection();
        ByteString token = fixture.token("ann", "m-1");
        first.writeInbound(TcpChainFixture.connect(1, token, ByteString.EMPTY));
        ByteString secret = TcpChainFixture.reply(first).getWelcome().getResumeSecret();

        first.close();
        EmbeddedChannel second = connection();
        second.writeInbound(TcpChainFixture.connect(2, token, secret));

        assertThat(TcpChainFixture.reply(second).getWelcome().getReconnected()).isTrue();
        assertThat(fixture.agentEvents()).containsExactly(InboundDescriptor.CONNECTED, InboundDescriptor.DISCONNECTED,
                InboundDescriptor.CONNECTED);
    }

    @Test
    void refusesAPingBeforeConnectAndCloses() {
        EmbeddedChannel channel = connection();

        channel.writeInbound(ping(4));

        ServerMessage reply = TcpChainFixture.reply(channel);
        assertThat(reply.getRequestId()).isEqualTo(4);
        errorCode(reply, ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(fixture.rejected("unauthenticated")).isEqualTo(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void refusesATokenForAMatchThatIsNotHostedHere() {
        EmbeddedChannel channel = connection();

        channel.writeInbound(TcpChainFixture.connect(5, fixture.token("ann", "m-9"), ByteString.EMPTY));

        errorCode(TcpChainFixture.reply(channel), ErrorCode.ERROR_CODE_MATCH_NOT_FOUND);
        assertThat(fixture.agentEvents()).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void refusesATokenOfAPlayerWhoIsNotInTheMatch() {
        EmbeddedChannel channel = connection();

        channel.writeInbound(TcpChainFixture.connect(6, fixture.token("eve", "m-1"), ByteString.EMPTY));

        errorCode(TcpChainFixture.reply(channel), ErrorCode.ERROR_CODE_TOKEN_INVALID);
    }

    @Test
    void refusesASecondConnectOnTheSameConnection() {
        EmbeddedChannel channel = connection();
        channel.writeInbound(TcpChainFixture.connect(7, fixture.token("ann", "m-1"), ByteString.EMPTY));
        TcpChainFixture.reply(channel);

        channel.writeInbound(TcpChainFixture.connect(8, fixture.token("bob", "m-1"), ByteString.EMPTY));

        errorCode(TcpChainFixture.reply(channel), ErrorCode.ERROR_CODE_INVALID_STATE);
    }

    @Test
    void passesOtherRequestsOnOnceConnected() {
        EmbeddedChannel channel = connection();
        channel.writeInbound(TcpChainFixture.connect(9, fixture.token("ann", "m-1"), ByteString.EMPTY));
        TcpChainFixture.reply(channel);
        ClientMessage ping = ping(10);

        channel.writeInbound(ping);

        assertThat((Object) channel.readInbound()).isSameAs(ping);
    }
}
