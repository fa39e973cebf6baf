package io.skirmish.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.Samples.ManualClock;
import io.skirmish.protocol.token.ConnectTokenClaims;
import io.skirmish.protocol.token.ConnectTokenVerifier;
import io.skirmish.protocol.token.SessionTokens;
import io.skirmish.protocol.token.TokenKeyRing;
import io.skirmish.protocol.token.TokenReplayGuard;

import java.security.SecureRandom;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary bytes into the connect-token verifier (with the replay guard) and the session-token
 * verifier. Seeds are genuine tokens signed with the fixed fuzz secret at the fixed clock.
 */
class TokenVerifierFuzzTest {
    private final ManualClock clock = new ManualClock(FuzzSupport.NOW_MS);
    private final TokenKeyRing keys = TokenKeyRing.of(1, FuzzSupport.tokenSecret());
    private final ConnectTokenVerifier verifier = new ConnectTokenVerifier(keys, clock, FuzzSupport.SERVER_ID);
    private final SessionTokens sessions = new SessionTokens(keys, clock, Duration.ofHours(1), new SecureRandom());

    @FuzzTest(maxDuration = FuzzSupport.DURATION)
    void verifiesOrThrowsProtocolException(byte[] token) {
        try {
            ConnectTokenClaims claims = verifier.verify(ByteString.copyFrom(token));
            assertThat(claims.gameServerId()).isEqualTo(FuzzSupport.SERVER_ID);
            assertThat(claims.expiresAtMs()).isGreaterThan(clock.millis());
            TokenReplayGuard guard = new TokenReplayGuard(1, clock);
            guard.markUsed(claims);
            try {
                guard.markUsed(claims);
                throw new AssertionError("replay accepted");
            } catch (ProtocolException expected) {
                // TOKEN_REPLAYED
            }
        } catch (ProtocolException expected) {
            assertThat(expected.code()).isNotNull();
        }
        try {
            sessions.verify(ByteString.copyFrom(token));
        } catch (ProtocolException expected) {
            assertThat(expected.code()).isNotNull();
        }
    }
}
