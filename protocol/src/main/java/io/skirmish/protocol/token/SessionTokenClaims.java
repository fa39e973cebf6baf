package io.skirmish.protocol.token;

import java.util.Arrays;

/**
 * What a session token grants: requests to the match server on behalf of {@code playerId}
 * until {@code expiresAtMs}.
 *
 * @param tokenId     16 random bytes, unique per login (copied)
 * @param playerId    the player, 1..64 characters
 * @param issuedAtMs  signing time, epoch ms
 * @param expiresAtMs refused at or after this instant, epoch ms
 */
public record SessionTokenClaims(byte[] tokenId, String playerId, long issuedAtMs, long expiresAtMs) {
    /** Validates every field; throws IllegalArgumentException naming the bad one. */
    public SessionTokenClaims {
        tokenId = Tokens.checkTokenId(tokenId);
        Tokens.checkId("playerId", playerId);
        Tokens.checkTimes(issuedAtMs, expiresAtMs);
    }

    /** A copy of the token id. */
    @Override
    public byte[] tokenId() {
        return tokenId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionTokenClaims c && Arrays.equals(tokenId, c.tokenId) && playerId.equals(c.playerId)
                && issuedAtMs == c.issuedAtMs && expiresAtMs == c.expiresAtMs;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tokenId);
    }

    @Override
    public String toString() {
        return "SessionTokenClaims[tokenId=" + Tokens.hex(tokenId) + ", playerId=" + playerId
                + ", issuedAtMs=" + issuedAtMs + ", expiresAtMs=" + expiresAtMs + "]";
    }
}
