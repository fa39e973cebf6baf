package io.skirmish.protocol.token;

import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.GameMode;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Issues connect tokens (match server side): one per player and match, signed with the key
 * ring's signing key ({@link SignedEnvelope}, purpose {@value #PURPOSE}).
 * Thread-safe.
 */
public final class ConnectTokenIssuer {
    /** Domain-separation label of connect tokens. */
    public static final String PURPOSE = "skirmish connect v1";

    private final SignedEnvelope envelope;
    private final InstantSource clock;
    private final long ttlMs;
    private final SecureRandom random;

    /**
     * @param keys   the shared secrets
     * @param clock  the time source for issue and expiry times
     * @param ttl    how long a token stays valid (covers the client's connect delay, e.g. 30 s)
     * @param random source of token ids
     */
    public ConnectTokenIssuer(KeyRingSource keys, InstantSource clock, Duration ttl, SecureRandom random) {
        this.envelope = new SignedEnvelope(keys, PURPOSE, ErrorCode.ERROR_CODE_TOKEN_INVALID);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("connect token ttl must be > 0: " + ttl);
        }
        this.ttlMs = ttl.toMillis();
    }

    /**
     * Signs a token for one player slot.
     *
     * @throws IllegalArgumentException for an invalid claim (see {@link ConnectTokenClaims})
     */
    public SignedToken<ConnectTokenClaims> issue(String playerId, String matchId, String gameServerId,
                                                 int team, GameMode mode) {
        long now = clock.millis();
        ConnectTokenClaims claims = new ConnectTokenClaims(Tokens.newTokenId(random), playerId, matchId,
                gameServerId, team, mode, now, now + ttlMs);
        return new SignedToken<>(claims, sign(claims));
    }

    /** Signs given claims (for tests and tools that need exact values). */
    public byte[] sign(ConnectTokenClaims claims) {
        return envelope.seal(claims.toBody().toByteArray());
    }
}
