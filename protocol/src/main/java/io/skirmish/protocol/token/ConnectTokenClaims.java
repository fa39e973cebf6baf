package io.skirmish.protocol.token;

import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.token.v1.ConnectTokenBody;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a connect token grants: {@code playerId} may take a slot on team {@code team} of match
 * {@code matchId} on game server {@code gameServerId} until {@code expiresAtMs}.
 *
 * @param tokenId      16 random bytes: replay-guard key and HKDF salt of the UDP key (copied)
 * @param playerId     the player, 1..64 characters
 * @param matchId      the match, 1..64 characters
 * @param gameServerId the only game server that accepts the token, 1..64 characters
 * @param team         the player's team (1-based)
 * @param mode         the match's mode, not UNSPECIFIED
 * @param issuedAtMs   signing time, epoch ms
 * @param expiresAtMs  refused at or after this instant, epoch ms, after {@code issuedAtMs}
 */
public record ConnectTokenClaims(byte[] tokenId, String playerId, String matchId, String gameServerId,
                                 int team, GameMode mode, long issuedAtMs, long expiresAtMs) {
    /** Validates every field; throws IllegalArgumentException naming the bad one. */
    public ConnectTokenClaims {
        tokenId = Tokens.checkTokenId(tokenId);
        Tokens.checkId("playerId", playerId);
        Tokens.checkId("matchId", matchId);
        Tokens.checkId("gameServerId", gameServerId);
        if (team < 0) {
            throw new IllegalArgumentException("team must be >= 0: " + team);
        }
        Objects.requireNonNull(mode, "mode");
        if (mode == GameMode.GAME_MODE_UNSPECIFIED || mode == GameMode.UNRECOGNIZED) {
            throw new IllegalArgumentException("mode must be set: " + mode);
        }
        Tokens.checkTimes(issuedAtMs, expiresAtMs);
    }

    /** A copy of the token id. */
    @Override
    public byte[] tokenId() {
        return tokenId.clone();
    }

    ConnectTokenBody toBody() {
        return ConnectTokenBody.newBuilder()
                .setTokenId(com.google.protobuf.ByteString.copyFrom(tokenId))
                .setPlayerId(playerId)
                .setMatchId(matchId)
                .setGameServerId(gameServerId)
                .setTeam(team)
                .setMode(mode)
                .setIssuedAtMs(issuedAtMs)
                .setExpiresAtMs(expiresAtMs)
                .build();
    }

    static ConnectTokenClaims fromBody(ConnectTokenBody body) {
        return new ConnectTokenClaims(body.getTokenId().toByteArray(), body.getPlayerId(), body.getMatchId(),
                body.getGameServerId(), body.getTeam(), body.getMode(), body.getIssuedAtMs(), body.getExpiresAtMs());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectTokenClaims c && Arrays.equals(tokenId, c.tokenId) && playerId.equals(c.playerId)
                && matchId.equals(c.matchId) && gameServerId.equals(c.gameServerId) && team == c.team
                && mode == c.mode && issuedAtMs == c.issuedAtMs && expiresAtMs == c.expiresAtMs;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tokenId);
    }

    @Override
    public String toString() {
        return "ConnectTokenClaims[tokenId=" + Tokens.hex(tokenId) + ", playerId=" + playerId + ", matchId=" + matchId
                + ", gameServerId=" + gameServerId + ", team=" + team + ", mode=" + mode
                + ", issuedAtMs=" + issuedAtMs + ", expiresAtMs=" + expiresAtMs + "]";
    }
}
