package io.skirmish.game.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.game.tick.InboundDescriptor;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.game.v1.ClientMessage;
import io.skirmish.protocol.game.v1.Leave;
import io.skirmish.protocol.game.v1.ServerMessage;
import org.junit.jupiter.api.Test;

class GameRequestDispatcherTest {

    private final TcpChainFixture fixture = new TcpChainFixture();
    private final PlayerSlot slot = new PlayerSlot(fixture.directory, fixture.context.badInputLog());
    private final EmbeddedChannel channel = TcpChainFixture.channel(
            new GameRequestDispatcher(slot, fixture.context.wallClock(), fixture.refusals));

    @Test
    void answersAPingWithTheClientsTimeAndItsOwn() {
        channel.writeInbound(ClientMessage.newBuilder().setRequestId(11)
                .setPing(Ping.newBuilder().setClientTimeMs(1_234)).build());

        ServerMessage reply = TcpChainFixture.reply(channel);
        assertThat(reply.getRequestId()).isEqualTo(11);
        assertThat(reply.getPong().getClientTimeMs()).isEqualTo(1_234);
        assertThat(reply.getPong().getServerTimeMs()).isEqualTo(TcpChainFixture.NOW.toEpochMilli());
    }

    @Test
    void refusesAMessageItDoesNotServeAndCloses() {
        channel.writeInbound(ClientMessage.newBuilder().setRequestId(12).build());

        ServerMessage reply = TcpChainFixture.reply(channel);
        assertThat(reply.getRequestId()).isEqualTo(12);
        assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNKNOWN_MESSAGE);
        assertThat(fixture.rejected("unknown_message")).isEqualTo(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aLeaveGivesTheSlotUpForGoodAndCloses() {
        EmbeddedChannel connected = TcpChainFixture.channel(new ConnectHandler(fixture.context, slot, fixture.refusals),
                new GameRequestDispatcher(slot, fixture.context.wallClock(), fixture.refusals));
        connected.writeInbound(TcpChainFixture.connect(1, fixture.token("ann", "m-1"), ByteString.EMPTY));

        connected.writeInbound(ClientMessage.newBuilder().setRequestId(2).setLeave(Leave.getDefaultInstance()).build());

        assertThat(connected.isOpen()).isFalse();
        assertThat(fixture.agentEvents()).containsExactly(InboundDescriptor.CONNECTED, InboundDescriptor.LEFT);
        assertThat(fixture.directory.connectedPlayers()).isZero();
    }

    @Test
    void aLeaveBeforeConnectOnlyCloses() {
        channel.writeInbound(ClientMessage.newBuilder().setRequestId(3).setLeave(Leave.getDefaultInstance()).build());

        assertThat(channel.isOpen()).isFalse();
        assertThat(fixture.agentEvents()).isEmpty();
    }
}
