package io.skirmish.protocol.token;

import com.google.protobuf.ByteString;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.token.v1.ConnectTokenBody;

import java.time.InstantSource;
import java.util.Objects;

/**
 * Checks connect tokens on a game server: size, version, key id, signature (constant time),
 * expiry against the injected clock, and that the token names this game server (and, when the
 * caller asks, a given match). Replays are the {@link TokenReplayGuard}'s job.
 *
 * <p>Errors: {@code TOKEN_INVALID} (malformed, unknown key, bad signature, issued in the future),
 * {@code TOKEN_EXPIRED}, {@code TOKEN_WRONG_SERVER}, {@code MATCH_NOT_FOUND} (other match).
 * Immutable and thread-safe (called from Netty I/O threads on Connect).
 */
public final class ConnectTokenVerifier {
    private final SignedEnvelope envelope;
    private final InstantSource clock;
    private final String gameServerId;

    /**
     * @param keys         the shared secrets
     * @param clock        the time source for the expiry check
     * @param gameServerId this server's id; tokens for any other server are refused
     */
    public ConnectTokenVerifier(KeyRingSource keys, InstantSource clock, String gameServerId) {
        this.envelope = new SignedEnvelope(keys, ConnectTokenIssuer.PURPOSE, ErrorCode.ERROR_CODE_TOKEN_INVALID);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gameServerId = Tokens.checkId("gameServerId", gameServerId);
    }

    /** Verifies a token as received in {@code Connect.connect_token}; the size is checked before copying. */
    public ConnectTokenClaims verify(ByteString token) throws ProtocolException {
        if (token.size() > SignedEnvelope.MAX_TOKEN_BYTES) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_TOKEN_INVALID,
                    "token of " + token.size() + " bytes exceeds " + SignedEnvelope.MAX_TOKEN_BYTES);
        }
        return verify(token.toByteArray());
    }

    /**
     * Verifies {@code token} for this server.
     *
     * @return the claims
     * @throws ProtocolException TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_WRONG_SERVER
     */
    public ConnectTokenClaims verify(byte[] token) throws ProtocolException {
        byte[] body = envelope.open(token);
        ConnectTokenClaims claims;
        try {
            claims = ConnectTokenClaims.fromBody(
                    Tokens.parseBody(ConnectTokenBody.parser(), body, ErrorCode.ERROR_CODE_TOKEN_INVALID));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_TOKEN_INVALID, "signed claims invalid: " + e.getMessage(), e);
        }
        Tokens.checkValidAt(clock.millis(), claims.issuedAtMs(), claims.expiresAtMs(),
                ErrorCode.ERROR_CODE_TOKEN_EXPIRED, ErrorCode.ERROR_CODE_TOKEN_INVALID);
        if (!claims.gameServerId().equals(gameServerId)) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_TOKEN_WRONG_SERVER,
                    "token for game server " + claims.gameServerId() + ", this is " + gameServerId);
        }
        return claims;
    }

    /**
     * As {@link #verify(byte[])}, and the token must name {@code matchId}.
     *
     * @throws ProtocolException as {@link #verify(byte[])}, or MATCH_NOT_FOUND for another match
     */
    public ConnectTokenClaims verify(byte[] token, String matchId) throws ProtocolException {
        ConnectTokenClaims claims = verify(token);
        if (!claims.matchId().equals(matchId)) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_MATCH_NOT_FOUND,
                    "token for match " + claims.matchId() + ", expected " + matchId);
        }
        return claims;
    }
}
