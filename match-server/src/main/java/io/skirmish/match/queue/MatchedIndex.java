package io.skirmish.match.queue;

import java.util.List;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Per player, the matched ticket whose {@code MatchFound} a {@code QueueStatusRequest} may still
 * send again ({@code skirmish:matched:{<playerId>}}, same value as the queue index, kept as long
 * as a missed MatchFound may be re-sent, {@link TicketStore#MATCHED_KEEP_MS}).
 *
 * <p>Why it exists: the queue index entry ({@link PlayerDirectory}) is removed as soon as a match
 * is settled, so that the player may queue again at once; without this pointer a client that
 * missed the MatchFound push and asked for its state a moment later was told NOT_QUEUED while
 * its match was still waiting for it. Written before the index entries go, so at every instant
 * one of the two names the ticket.
 *
 * <p>Thread-safe (the Jedis client is a pool).
 */
public final class MatchedIndex {

    private final UnifiedJedis redis;

    MatchedIndex(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** Points every player of the settled tickets at their ticket, in one pipeline. */
    void rememberAll(List<PlayerDirectory.Request> settled) {
        if (settled.isEmpty()) {
            return;
        }
        SetParams keep = SetParams.setParams().px(TicketStore.MATCHED_KEEP_MS);
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (PlayerDirectory.Request ticket : settled) {
                String value = ticket.entry().encode();
                for (String player : ticket.players()) {
                    pipeline.set(MatchKeys.matched(player), value, keep);
                }
            }
            pipeline.sync();
        }
    }

    /** The player's last matched ticket while it may still be recovered, or null. */
    PlayerDirectory.Entry lookup(String playerId) {
        return PlayerDirectory.Entry.decode(redis.get(MatchKeys.matched(playerId)));
    }
}
