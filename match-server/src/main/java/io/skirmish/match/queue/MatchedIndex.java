package io.skirmish.match.queue;

import redis.clients.jedis.UnifiedJedis;

/**
 * Per player, the matched ticket whose {@code MatchFound} a {@code QueueStatusRequest} may still
 * send again ({@code skirmish:matched:{<playerId>}}, same value as the queue index, kept as long
 * as a missed MatchFound may be re-sent, {@link TicketStore#MATCHED_KEEP_MS}).
 *
 * <p>Why it exists: the queue index entry ({@link PlayerDirectory}) is removed as soon as a match
 * is settled, so that the player may queue again at once; without this pointer a client that
 * missed the MatchFound push and asked for its state a moment later was told NOT_QUEUED while
 * its match was still waiting for it. Written in the same script call that removes the index
 * entries ({@link QueueScripts#SETTLE_INDEX_MANY}, through {@link PlayerDirectory#settleAll}),
 * so at every instant one of the two names the ticket.
 *
 * <p>Thread-safe (the Jedis client is a pool).
 */
public final class MatchedIndex {

    private final UnifiedJedis redis;

    MatchedIndex(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** The player's last matched ticket while it may still be recovered, or null. */
    PlayerDirectory.Entry lookup(String playerId) {
        return PlayerDirectory.Entry.decode(redis.get(MatchKeys.matched(playerId)));
    }
}
