package io.skirmish.protocol.token;

import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;

import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Remembers the ids of used connect tokens until they expire, so that a token copied off the
 * wire cannot be used a second time on this game server.
 *
 * <p>Bounded: at most {@code capacity} ids. Expired ids are forgotten first (an expired token is
 * refused by the verifier anyway). When the guard is still full, it refuses the new token with
 * {@code SERVER_BUSY} rather than forgetting a live id, which would reopen the replay hole.
 * Size the capacity above (players per second x token lifetime); 64 players per second with 30 s
 * tokens need about 2000.
 *
 * <p>Reconnects: a player who reconnects within the grace period presents the same token. The
 * game server recognises that case (same player, slot held for reconnect) before asking the
 * guard, or accepts {@code TOKEN_REPLAYED} only for such a slot.
 *
 * <p>Thread-safe: methods are synchronized (called from Netty I/O threads once per Connect).
 */
public final class TokenReplayGuard {
    private record Used(long expiresAtMs, TokenKey key) {
    }

    /** 16 token id bytes as two longs: compact, with value equality. */
    private record TokenKey(long high, long low) {
        static TokenKey of(byte[] tokenId) {
            ByteBuffer buffer = ByteBuffer.wrap(tokenId);
            return new TokenKey(buffer.getLong(), buffer.getLong());
        }
    }

    private final int capacity;
    private final InstantSource clock;
    private final Map<TokenKey, Long> expiryById = new HashMap<>();
    private final PriorityQueue<Used> byExpiry =
            new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtMs(), b.expiresAtMs()));

    /**
     * @param capacity most token ids remembered at once (> 0)
     * @param clock    the time source (the same as the verifier's)
     */
    public TokenReplayGuard(int capacity, InstantSource clock) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("replay guard capacity must be > 0: " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records the first use of a verified token.
     *
     * @throws ProtocolException TOKEN_REPLAYED if the id was used before, SERVER_BUSY if the guard is full
     */
    public synchronized void markUsed(ConnectTokenClaims claims) throws ProtocolException {
        forgetExpired(clock.millis());
        TokenKey key = TokenKey.of(claims.tokenId());
        if (expiryById.containsKey(key)) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_TOKEN_REPLAYED,
                    "token " + Tokens.hex(claims.tokenId()) + " of player " + claims.playerId() + " already used");
        }
        if (expiryById.size() >= capacity) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY,
                    "replay guard full: " + expiryById.size() + " live token ids, capacity " + capacity);
        }
        expiryById.put(key, claims.expiresAtMs());
        byExpiry.add(new Used(claims.expiresAtMs(), key));
    }

    /** Number of token ids remembered (including expired ones not yet forgotten). */
    public synchronized int size() {
        return expiryById.size();
    }

    private void forgetExpired(long nowMs) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAtMs() <= nowMs) {
            expiryById.remove(byExpiry.poll().key());
        }
    }
}
