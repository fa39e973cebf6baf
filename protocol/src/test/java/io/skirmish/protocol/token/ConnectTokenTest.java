package io.skirmish.protocol.token;

import com.google.protobuf.ByteString;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.Samples.ManualClock;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.GameMode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Arrays;

import static io.skirmish.protocol.token.TokenFixtures.NOW_MS;
import static io.skirmish.protocol.token.TokenFixtures.SERVER;
import static io.skirmish.protocol.token.TokenFixtures.TTL;
import static io.skirmish.protocol.token.TokenFixtures.issuer;
import static io.skirmish.protocol.token.TokenFixtures.ring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectTokenTest {
    private final ManualClock clock = new ManualClock(NOW_MS);
    private final TokenKeyRing keys = ring(1);
    private final ConnectTokenIssuer issuer = issuer(keys, clock);
    private final ConnectTokenVerifier verifier = new ConnectTokenVerifier(keys, clock, SERVER);

    private SignedToken<ConnectTokenClaims> issue() {
        return issuer.issue("player-1", "match-9", SERVER, 2, GameMode.GAME_MODE_SQUAD);
    }

    private static void assertRejected(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void roundTripsClaims() {
        SignedToken<ConnectTokenClaims> token = issue();
        ConnectTokenClaims claims = verifier.verify(token.bytes());

        assertThat(claims).isEqualTo(token.claims());
        assertThat(claims.playerId()).isEqualTo("player-1");
        assertThat(claims.matchId()).isEqualTo("match-9");
        assertThat(claims.team()).isEqualTo(2);
        assertThat(claims.mode()).isEqualTo(GameMode.GAME_MODE_SQUAD);
        assertThat(claims.issuedAtMs()).isEqualTo(NOW_MS);
        assertThat(claims.expiresAtMs()).isEqualTo(NOW_MS + TTL.toMillis());
        assertThat(claims.tokenId()).hasSize(16);
        assertThat(verifier.verify(ByteString.copyFrom(token.bytes()))).isEqualTo(claims);
        assertThat(token.bytes().length).isLessThan(SignedEnvelope.MAX_TOKEN_BYTES / 3);
    }

    @Test
    void issuesDistinctTokenIds() {
        assertThat(issue().claims().tokenId()).isNotEqualTo(issue().claims().tokenId());
    }

    @Test
    void rejectsExpiredToken() {
        byte[] token = issue().bytes();
        clock.advanceMs(TTL.toMillis() - 1);
        verifier.verify(token);
        clock.advanceMs(1);
        assertRejected(() -> verifier.verify(token), ErrorCode.ERROR_CODE_TOKEN_EXPIRED);
    }

    @Test
    void rejectsTokenIssuedFarInTheFuture() {
        ManualClock skewed = new ManualClock(NOW_MS + Tokens.MAX_CLOCK_SKEW_MS + 1);
        byte[] token = issuer(keys, skewed).issue("p", "m", SERVER, 1, GameMode.GAME_MODE_DUEL).bytes();
        assertRejected(() -> verifier.verify(token), ErrorCode.ERROR_CODE_TOKEN_INVALID);
    }

    @Test
    void rejectsTokenForAnotherServer() {
        byte[] token = issuer.issue("player-1", "match-9", "gs-us-7", 1, GameMode.GAME_MODE_DUEL).bytes();
        assertRejected(() -> verifier.verify(token), ErrorCode.ERROR_CODE_TOKEN_WRONG_SERVER);
    }

    @Test
    void rejectsTokenForAnotherMatchWhenAsked() {
        byte[] token = issue().bytes();
        assertThat(verifier.verify(token, "match-9").matchId()).isEqualTo("match-9");
        assertRejected(() -> verifier.verify(token, "match-10"), ErrorCode.ERROR_CODE_MATCH_NOT_FOUND);
    }

    @Test
    void rejectsABitFlipAnywhere() {
        byte[] genuine = issue().bytes();
        for (int bit = 0; bit < genuine.length * 8; bit++) {
            byte[] forged = genuine.clone();
            forged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertRejected(() -> verifier.verify(forged), ErrorCode.ERROR_CODE_TOKEN_INVALID);
        }
    }

    @Test
    void rejectsEveryTruncationAndExtension() {
        byte[] genuine = issue().bytes();
        for (int length = 0; length < genuine.length; length++) {
            byte[] truncated = Arrays.copyOf(genuine, length);
            assertRejected(() -> verifier.verify(truncated), ErrorCode.ERROR_CODE_TOKEN_INVALID);
        }
        byte[] extended = Arrays.copyOf(genuine, genuine.length + 1);
        assertRejected(() -> verifier.verify(extended), ErrorCode.ERROR_CODE_TOKEN_INVALID);
    }

    @Test
    void rejectsOversizedTokenBeforeCopying() {
        ByteString huge = ByteString.copyFrom(new byte[SignedEnvelope.MAX_TOKEN_BYTES + 1]);
        assertRejected(() -> verifier.verify(huge), ErrorCode.ERROR_CODE_TOKEN_INVALID);
    }

    @Test
    void rejectsTokenSignedWithAnotherSecret() {
        TokenKeyRing otherSecretSameId = TokenKeyRing.of(1, TokenFixtures.secret(99));
        byte[] forged = issuer(otherSecretSameId, clock).issue("p", "m", SERVER, 1, GameMode.GAME_MODE_DUEL).bytes();
        assertRejected(() -> verifier.verify(forged), ErrorCode.ERROR_CODE_TOKEN_INVALID);
    }

    @Test
    void acceptsEveryKeyIdInTheRingDuringRotation() {
        // Step 1: verifiers know ids 1 and 2; issuers still sign with 1. Step 2: issuers switch to 2.
        ConnectTokenVerifier rotating = new ConnectTokenVerifier(ring(1, 2), clock, SERVER);
        byte[] old = issuer(ring(1), clock).issue("p", "m", SERVER, 1, GameMode.GAME_MODE_DUEL).bytes();
        byte[] fresh = issuer(ring(2, 1), clock).issue("p", "m", SERVER, 1, GameMode.GAME_MODE_DUEL).bytes();
        assertThat(old[1]).isEqualTo((byte) 1);
        assertThat(fresh[1]).isEqualTo((byte) 2);
        assertThat(rotating.verify(old).playerId()).isEqualTo("p");
        assertThat(rotating.verify(fresh).playerId()).isEqualTo("p");
        // Step 3: id 1 retired.
        ConnectTokenVerifier retired = new ConnectTokenVerifier(ring(2), clock, SERVER);
        assertThatThrownBy(() -> retired.verify(old)).hasMessageContaining("unknown token key id 1");
    }

    @Test
    void rejectsSessionTokenPresentedAsConnectToken() {
        SessionTokens sessions = new SessionTokens(keys, clock, TTL, new SecureRandom());
        byte[] session = sessions.issue("player-1").bytes();
        assertRejected(() -> verifier.verify(session), ErrorCode.ERROR_CODE_TOKEN_INVALID);
    }

    @Test
    void rejectsUnknownTokenVersion() {
        byte[] token = issue().bytes();
        token[0] = 2;
        assertThatThrownBy(() -> verifier.verify(token)).hasMessageContaining("version 2");
    }

    @Test
    void claimsRefuseInvalidValues() {
        byte[] id = new byte[16];
        assertThatThrownBy(() -> new ConnectTokenClaims(new byte[15], "p", "m", SERVER, 1, GameMode.GAME_MODE_DUEL, 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectTokenClaims(id, "", "m", SERVER, 1, GameMode.GAME_MODE_DUEL, 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectTokenClaims(id, "p", "m", SERVER, 1, GameMode.GAME_MODE_UNSPECIFIED, 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectTokenClaims(id, "p", "m", SERVER, 1, GameMode.GAME_MODE_DUEL, 5, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void claimsCopyTheTokenId() {
        byte[] id = new byte[16];
        ConnectTokenClaims claims = new ConnectTokenClaims(id, "p", "m", SERVER, 1, GameMode.GAME_MODE_DUEL, 1, 2);
        id[0] = 9;
        claims.tokenId()[1] = 9;
        assertThat(claims.tokenId()).containsOnly(0);
    }
}
