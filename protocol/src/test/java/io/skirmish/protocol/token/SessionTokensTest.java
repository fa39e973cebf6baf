package io.skirmish.protocol.token;

import com.google.protobuf.ByteString;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.Samples.ManualClock;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.GameMode;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;

import static io.skirmish.protocol.token.TokenFixtures.NOW_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTokensTest {
    private final ManualClock clock = new ManualClock(NOW_MS);
    private final TokenKeyRing keys = TokenFixtures.ring(3);
    private final SessionTokens sessions = new SessionTokens(keys, clock, Duration.ofHours(12), new SecureRandom());

    @Test
    void roundTripsSession() {
        SignedToken<SessionTokenClaims> token = sessions.issue("player-1");
        SessionTokenClaims claims = sessions.verify(ByteString.copyFrom(token.bytes()));
        assertThat(claims).isEqualTo(token.claims());
        assertThat(claims.playerId()).isEqualTo("player-1");
        assertThat(claims.expiresAtMs()).isEqualTo(NOW_MS + Duration.ofHours(12).toMillis());
    }

    @Test
    void rejectsExpiredSession() {
        ByteString token = ByteString.copyFrom(sessions.issue("player-1").bytes());
        clock.advanceMs(Duration.ofHours(12).toMillis());
        assertThatThrownBy(() -> sessions.verify(token))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_SESSION_EXPIRED));
    }

    @Test
    void rejectsConnectTokenPresentedAsSession() {
        byte[] connect = TokenFixtures.issuer(keys, clock)
                .issue("player-1", "m", TokenFixtures.SERVER, 1, GameMode.GAME_MODE_DUEL).bytes();
        assertThatThrownBy(() -> sessions.verify(ByteString.copyFrom(connect)))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED));
    }

    @Test
    void rejectsForgedSession() {
        byte[] token = sessions.issue("player-1").bytes();
        token[10] ^= 1;
        assertThatThrownBy(() -> sessions.verify(ByteString.copyFrom(token)))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED));
    }
}
