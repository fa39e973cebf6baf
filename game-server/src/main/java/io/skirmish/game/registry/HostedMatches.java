package io.skirmish.game.registry;

import io.skirmish.kit.redis.LuaScript;
import io.skirmish.protocol.contract.RegistryKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Tells the match-servers which of this server's matches have their result in Redis, so that
 * losing this server later never aborts a match that ended: each id leaves the incarnation's
 * {@code hosted} set and its fate record turns {@code ended} (unless a match-server already
 * aborted it, which only happens when this incarnation was declared lost).
 *
 * <p>{@link #ended} is called by the event publisher right after a batch with results was
 * appended; ids that could not be reported (Redis away) are kept and sent again by the next
 * call or by {@link #flush} on the heartbeat thread. If the process dies in that gap, the
 * match-server aborts a match that has a result: ranking applies whichever of the two records
 * it meets first for the match id, once (documented in {@code docs/reliability.md}).
 */
public final class HostedMatches {

    private static final Logger LOG = LoggerFactory.getLogger(HostedMatches.class);
    private static final int BATCH = 256;

    /** KEYS: hosted set. ARGV: match key prefix, then match ids. */
    static final LuaScript ENDED = new LuaScript("game-matches-ended", """
            for i = 2, #ARGV do
              redis.call('SREM', KEYS[1], ARGV[i])
              local key = ARGV[1] .. ARGV[i]
              if redis.call('HGET', key, 'state') == 'allocated' then redis.call('HSET', key, 'state', 'ended') end
            end
            return #ARGV - 1
            """);

    /**
     * KEYS: hosted set, the match's fate record, the aborting set. ARGV: match id, reason. A match
     * still {@code allocated} turns {@code aborted} and goes into the aborting set already overdue,
     * so the next lost-server sweep of any match-server records it aborted, requeues its tickets and
     * tells its players, as for a lost server.
     */
    static final LuaScript REFUSED = new LuaScript("game-match-refused", """
            redis.call('SREM', KEYS[1], ARGV[1])
            if redis.call('HGET', KEYS[2], 'state') ~= 'allocated' then return 0 end
            redis.call('HSET', KEYS[2], 'state', 'aborted', 'reason', ARGV[2])
            redis.call('ZADD', KEYS[3], 0, ARGV[1])
            return 1
            """);

    private final UnifiedJedis redis;
    private final String hostedKey;
    private final ConcurrentLinkedQueue<String> unreported = new ConcurrentLinkedQueue<>();

    public HostedMatches(UnifiedJedis redis, ServerIdentity identity) {
        this.redis = redis;
        this.hostedKey = RegistryKeys.hosted(identity.incarnation(), identity.serverId());
    }

    /**
     * This server will not host {@code matchId} (it refused the allocation: full, draining, or the
     * allocation was invalid): hands the match back to the match-servers to abort and requeue, so
     * its players are not left waiting for a match that never starts (allocation poller thread).
     * Returns false when Redis could not be reached; the match then stays allocated here until
     * this incarnation is lost.
     */
    public boolean refused(String matchId, String reason) {
        try {
            return ((Long) REFUSED.run(redis, List.of(hostedKey, RegistryKeys.match(matchId), RegistryKeys.aborting()),
                    List.of(matchId, reason))) == 1L;
        } catch (RuntimeException e) {
            LOG.warn("refused match not handed back matchId={} error={}", matchId, e.toString());
            return false;
        }
    }

    /** Results of these matches are in Redis (publisher thread). */
    public void ended(List<String> matchIds) {
        unreported.addAll(matchIds);
        flush();
    }

    /** Reports what is still unreported; any thread. Returns false when Redis could not be reached. */
    public synchronized boolean flush() {
        while (!unreported.isEmpty()) {
            List<String> batch = new ArrayList<>(BATCH);
            for (String id : unreported) {
                batch.add(id);
                if (batch.size() == BATCH) {
                    break;
                }
            }
            List<String> args = new ArrayList<>(batch.size() + 1);
            args.add(RegistryKeys.match(""));
            args.addAll(batch);
            try {
                ENDED.run(redis, List.of(hostedKey), args);
            } catch (RuntimeException e) {
                LOG.debug("ended matches not reported yet count={} error={}", batch.size(), e.toString());
                return false;
            }
            batch.forEach(unreported::remove);
        }
        return true;
    }

    /** Ids whose end is not yet reported (for a draining server's last flush and for tests). */
    public int unreported() {
        return unreported.size();
    }
}
