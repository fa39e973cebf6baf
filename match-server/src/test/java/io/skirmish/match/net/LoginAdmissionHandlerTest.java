package io.skirmish.match.net;

import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.match.admission.LoginShedding;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.JoinQueue;
import io.skirmish.protocol.match.v1.Login;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LoginAdmissionHandlerTest {

    private static final long MS = 1_000_000;

    private final RefusalProbe probe = new RefusalProbe();
    private final AtomicLong standingNs = new AtomicLong();
    private final EmbeddedChannel channel = new EmbeddedChannel(new LoginAdmissionHandler(
            new LoginShedding(Duration.ofMillis(500)), standingNs::get, probe.metrics, probe.refusals));

    private static ClientMessage login(long requestId) {
        return ClientMessage.newBuilder().setRequestId(requestId)
                .setLogin(Login.newBuilder().setPlayerId("p" + requestId).setClientVersion("1.0.0")).build();
    }

    private double shed() {
        return probe.metrics.count("match.requests.shed", "request", "login", "reason", "queue_delay");
    }

    @Test
    void passesEveryLoginWhileTheQueuesStandBelowTheTarget() {
        standingNs.set(400 * MS);
        channel.writeInbound(login(1));
        channel.writeInbound(login(2));

        assertThat((ClientMessage) channel.readInbound()).isEqualTo(login(1));
        assertThat((ClientMessage) channel.readInbound()).isEqualTo(login(2));
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(shed()).isZero();
    }

    @Test
    void refusesEverySecondLoginWithARetryHintAtOneAndAHalfTimesTheTarget() {
        standingNs.set(750 * MS);
        channel.writeInbound(login(1));
        channel.writeInbound(login(2));

        assertThat((ClientMessage) channel.readInbound()).isEqualTo(login(1));
        assertThat((Object) channel.readInbound()).isNull();
        Error error = RefusalProbe.onlyError(channel, 2);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_SERVER_BUSY);
        assertThat(error.getRetryAfterMs()).isEqualTo(750);
        assertThat(error.getMessage()).isEqualTo("ERROR_CODE_SERVER_BUSY: the server is busy: requests wait about 750 ms;"
                + " retry later");
        assertThat(shed()).isEqualTo(1);
        assertThat(probe.rejected("server_busy")).isEqualTo(1);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void letsALoggedInPlayersJoinThroughWhileRefusingEveryNewLogin() {
        standingNs.set(2_000 * MS);
        ClientMessage join = ClientMessage.newBuilder().setRequestId(3).setJoinQueue(JoinQueue.newBuilder()
                .setRegion("eu")).build();
        channel.writeInbound(login(1));
        channel.writeInbound(join);

        assertThat(RefusalProbe.onlyError(channel, 1).getCode()).isEqualTo(ErrorCode.ERROR_CODE_SERVER_BUSY);
        assertThat((ClientMessage) channel.readInbound()).isEqualTo(join);
    }
}
