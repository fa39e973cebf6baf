package io.skirmish.protocol.token;

import com.google.protobuf.ByteString;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.token.v1.SessionTokenBody;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Issues and verifies match-server session tokens (LoginOk.session_token), with the same
 * {@link SignedEnvelope} as connect tokens under purpose {@value #PURPOSE}. Both operations live
 * in one class because only the match server uses them, and every instance can do both.
 *
 * <p>Errors: {@code UNAUTHENTICATED} (malformed, unknown key, bad signature),
 * {@code SESSION_EXPIRED}. Immutable and thread-safe.
 */
public final class SessionTokens {
    public static final String PURPOSE = "skirmish session v1";

    private final SignedEnvelope envelope;
    private final InstantSource clock;
    private final long ttlMs;
    private final SecureRandom random;

    /**
     * @param keys   the secrets shared by the match-server instances
     * @param clock  the time source
     * @param ttl    session lifetime (e.g. 12 h)
     * @param random source of token ids
     */
    public SessionTokens(KeyRingSource keys, InstantSource clock, Duration ttl, SecureRandom random) {
        this.envelope = new SignedEnvelope(keys, PURPOSE, ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("session ttl must be > 0: " + ttl);
        }
        this.ttlMs = ttl.toMillis();
    }

    /** Signs a new session for {@code playerId}. */
    public SignedToken<SessionTokenClaims> issue(String playerId) {
        long now = clock.millis();
        SessionTokenClaims claims = new SessionTokenClaims(Tokens.newTokenId(random), playerId, now, now + ttlMs);
        SessionTokenBody body = SessionTokenBody.newBuilder()
                .setTokenId(ByteString.copyFrom(claims.tokenId()))
                .setPlayerId(claims.playerId())
                .setIssuedAtMs(claims.issuedAtMs())
                .setExpiresAtMs(claims.expiresAtMs())
                .build();
        return new SignedToken<>(claims, envelope.seal(body.toByteArray()));
    }

    /**
     * Verifies a session token as received in a request.
     *
     * @throws ProtocolException UNAUTHENTICATED or SESSION_EXPIRED
     */
    public SessionTokenClaims verify(ByteString token) throws ProtocolException {
        if (token.size() > SignedEnvelope.MAX_TOKEN_BYTES) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED,
                    "session token of " + token.size() + " bytes exceeds " + SignedEnvelope.MAX_TOKEN_BYTES);
        }
        byte[] bodyBytes = envelope.open(token.toByteArray());
        SessionTokenBody body = Tokens.parseBody(SessionTokenBody.parser(), bodyBytes, ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        SessionTokenClaims claims;
        try {
            claims = new SessionTokenClaims(body.getTokenId().toByteArray(), body.getPlayerId(),
                    body.getIssuedAtMs(), body.getExpiresAtMs());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED, "signed claims invalid: " + e.getMessage(), e);
        }
        Tokens.checkValidAt(clock.millis(), claims.issuedAtMs(), claims.expiresAtMs(),
                ErrorCode.ERROR_CODE_SESSION_EXPIRED, ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        return claims;
    }
}
