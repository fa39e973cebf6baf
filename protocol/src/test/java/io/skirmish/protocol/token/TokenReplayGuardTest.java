package io.skirmish.protocol.token;

import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.Samples.ManualClock;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.GameMode;
import org.junit.jupiter.api.Test;

import static io.skirmish.protocol.token.TokenFixtures.NOW_MS;
import static io.skirmish.protocol.token.TokenFixtures.SERVER;
import static io.skirmish.protocol.token.TokenFixtures.TTL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenReplayGuardTest {
    private final ManualClock clock = new ManualClock(NOW_MS);
    private final ConnectTokenIssuer issuer = TokenFixtures.issuer(TokenFixtures.ring(1), clock);

    private ConnectTokenClaims claims() {
        return issuer.issue("p", "m", SERVER, 1, GameMode.GAME_MODE_DUEL).claims();
    }

    @Test
    void rejectsReplayedToken() {
        TokenReplayGuard guard = new TokenReplayGuard(10, clock);
        ConnectTokenClaims claims = claims();
        guard.markUsed(claims);
        assertThatThrownBy(() -> guard.markUsed(claims))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_TOKEN_REPLAYED));
    }

    @Test
    void refusesNewTokensWhenFullInsteadOfForgetting() {
        TokenReplayGuard guard = new TokenReplayGuard(2, clock);
        ConnectTokenClaims first = claims();
        guard.markUsed(first);
        guard.markUsed(claims());
        assertThatThrownBy(() -> guard.markUsed(claims()))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_SERVER_BUSY);
                    assertThat(e).hasMessageContaining("capacity 2");
                });
        assertThatThrownBy(() -> guard.markUsed(first)).isInstanceOf(ProtocolException.class);
        assertThat(guard.size()).isEqualTo(2);
    }

    @Test
    void forgetsTokensOnceTheyExpire() {
        TokenReplayGuard guard = new TokenReplayGuard(2, clock);
        guard.markUsed(claims());
        guard.markUsed(claims());
        clock.advanceMs(TTL.toMillis());
        guard.markUsed(claims());
        assertThat(guard.size()).isEqualTo(1);
    }
}
