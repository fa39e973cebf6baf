package io.skirmish.match.net;

import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.Login;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientVersionHandlerTest {

    private final RefusalProbe probe = new RefusalProbe();

    private EmbeddedChannel channelWithMinimum(String minimum) {
        return new EmbeddedChannel(new ClientVersionHandler(
                minimum == null ? null : ClientVersion.require(minimum), probe.refusals));
    }

    private static ClientMessage login(long requestId, String clientVersion) {
        return ClientMessage.newBuilder().setRequestId(requestId)
                .setLogin(Login.newBuilder().setClientVersion(clientVersion)).build();
    }

    @Test
    void refusesABuildOlderThanTheMinimum() {
        EmbeddedChannel channel = channelWithMinimum("1.4.0");
        channel.writeInbound(login(7, "1.3.9"));

        Error error = RefusalProbe.onlyError(channel, 7);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_CLIENT_OUTDATED);
        assertThat(error.getMessage()).isEqualTo("ERROR_CODE_CLIENT_OUTDATED: client version '1.3.9' is older than the minimum 1.4.0"
                + " (or not a semantic version): update the client");
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(probe.rejected("client_outdated")).isEqualTo(1);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void refusesALoginWithoutASemanticVersionWhenThereIsAMinimum() {
        EmbeddedChannel channel = channelWithMinimum("1.4.0");
        channel.writeInbound(login(8, ""));

        assertThat(RefusalProbe.onlyError(channel, 8).getCode()).isEqualTo(ErrorCode.ERROR_CODE_CLIENT_OUTDATED);
    }

    @Test
    void refusesAVersionTextLongerThan32CharactersEvenWithoutAMinimum() {
        EmbeddedChannel channel = channelWithMinimum(null);
        channel.writeInbound(login(9, "1.0.0-" + "x".repeat(27)));

        Error error = RefusalProbe.onlyError(channel, 9);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_INVALID_ARGUMENT);
        assertThat(error.getMessage()).isEqualTo("ERROR_CODE_INVALID_ARGUMENT: client version longer than 32 characters");
    }

    @Test
    void passesTheSameLoginOnForABuildAtTheMinimumOrNewer() {
        EmbeddedChannel channel = channelWithMinimum("1.4.0");
        ClientMessage atMinimum = login(1, "1.4.0");
        ClientMessage newer = login(2, "v2.0.0-rc.1");
        channel.writeInbound(atMinimum, newer);

        assertThat((Object) channel.readInbound()).isSameAs(atMinimum);
        assertThat((Object) channel.readInbound()).isSameAs(newer);
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void letsAnyBuildLogInWithoutAMinimum() {
        EmbeddedChannel channel = channelWithMinimum(null);
        ClientMessage unversioned = login(3, "");
        channel.writeInbound(unversioned);

        assertThat((Object) channel.readInbound()).isSameAs(unversioned);
    }

    @Test
    void leavesRequestsOtherThanLoginAlone() {
        EmbeddedChannel channel = channelWithMinimum("9.0.0");
        ClientMessage ping = ClientMessage.newBuilder().setRequestId(4).setPing(Ping.getDefaultInstance()).build();
        channel.writeInbound(ping);

        assertThat((Object) channel.readInbound()).isSameAs(ping);
    }
}
