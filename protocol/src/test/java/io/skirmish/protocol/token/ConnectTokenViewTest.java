package io.skirmish.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Random;

import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.GameMode;
import org.junit.jupiter.api.Test;

class ConnectTokenViewTest {

    private final ConnectTokenIssuer issuer = new ConnectTokenIssuer(
            TokenKeyRing.of(1, "view-test-secret-of-at-least-32-bytes-long".getBytes()), InstantSource.system(),
            Duration.ofMinutes(1), new SecureRandom());

    @Test
    void readsTheClaimsWithoutTheSecret() throws ProtocolException {
        SignedToken<ConnectTokenClaims> token = issuer.issue("p1", "m1", "gs1", 2, GameMode.GAME_MODE_SQUAD);

        ConnectTokenClaims claims = ConnectTokenView.unverifiedClaims(token.bytes());

        assertThat(claims).isEqualTo(token.claims());
    }

    @Test
    void rejectsTruncatedOversizedAndInconsistentTokensWithTheProtocolException() {
        byte[] good = issuer.issue("p1", "m1", "gs1", 1, GameMode.GAME_MODE_DUEL).bytes();

        assertThatThrownBy(() -> ConnectTokenView.unverifiedClaims(new byte[10]))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ConnectTokenView.unverifiedClaims(new byte[SignedEnvelope.MAX_TOKEN_BYTES + 1]))
                .isInstanceOf(ProtocolException.class);
        byte[] wrongLength = good.clone();
        wrongLength[3]++;
        assertThatThrownBy(() -> ConnectTokenView.unverifiedClaims(wrongLength)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void garbageNeverEscapesAsAnythingButTheProtocolException() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[4 + 32 + random.nextInt(100)];
            random.nextBytes(bytes);
            int bodyLength = bytes.length - 36;
            bytes[2] = (byte) (bodyLength >>> 8);
            bytes[3] = (byte) bodyLength;
            try {
                ConnectTokenView.unverifiedClaims(bytes);
            } catch (ProtocolException expected) {
                // the declared failure
            }
        }
    }
}
