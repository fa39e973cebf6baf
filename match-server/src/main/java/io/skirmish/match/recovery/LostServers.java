package io.skirmish.match.recovery;

import io.skirmish.kit.redis.LuaScript;
import io.skirmish.protocol.contract.RegistryKeys;
import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the matches of lost game-server incarnations and claims their aborts, atomically in the
 * {@code {gs}} slot, so that with several match-servers sweeping each match is aborted by one.
 *
 * <p>An incarnation is lost when its server's registry entry is gone (the heartbeat TTL ran out,
 * or the server deregistered with matches it never ended) or names another incarnation (the
 * server came back under the same id). Its unended matches are those left in its
 * {@code hosted} set; each is marked {@code aborted} in its fate record (so a late
 * {@code ended} from the server does not undo it) and put in {@code aborting} with a deadline.
 * A claimer that dies before {@link #settled} leaves the match overdue there, and the next sweep
 * of any instance claims it again: the follow-ups are idempotent.
 *
 * <p>Thread-safe (the Jedis client is a pool); called from the sweeper's thread.
 */
public final class LostServers {

    /** KEYS: hosting set (only to run on the node of the {@code {gs}} slot). Returns Redis's clock in ms. */
    static final LuaScript NOW = new LuaScript("match-gs-now", """
            local t = redis.call('TIME')
            return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """);

    /**
     * KEYS: hosting set, aborting set. ARGV: [1] now ms (read from this node's clock by
     * {@link #NOW}), [2] claim deadline ms, [3] limit, [4] gs prefix, [5] reason, [6] fate record
     * ttl ms, [7] most ms the claim may run after [1], [8] how long a server entry must have been
     * missing (seen by an earlier claim, noted in {@code lost-since}) before its incarnation is
     * lost. Returns {match, server, slots, tickets, reason}*, or {'late', ms} when it runs too
     * late: a claim held up in the network (a partition releases the bytes it held when it heals)
     * would judge a registry that the same outage emptied, and take live servers for lost.
     */
    static final LuaScript CLAIM_LOST = new LuaScript("match-claim-lost", """
            local now, limit, gs = tonumber(ARGV[1]), tonumber(ARGV[3]), ARGV[4]
            local t = redis.call('TIME')
            local late = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - now
            if late > tonumber(ARGV[7]) then return {'late', tostring(late)} end
            local out = {}
            local function take(match, server)
              local m = redis.call('HMGET', gs .. 'match:' .. match, 'server', 'slots', 'tickets', 'reason')
              table.insert(out, {match, m[1] or server, m[2] or '', m[3] or '', m[4] or ARGV[5]})
            end
            for _, match in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, limit)) do
              redis.call('ZADD', KEYS[2], ARGV[2], match)
              take(match, '')
            end
            for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              if #out >= limit then break end
              local sep = string.find(member, ':', 1, true)
              if not sep then
                redis.call('SREM', KEYS[1], member)
              else
                local inc, server = string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
                local h = redis.call('HMGET', gs .. 'server:' .. server, 'state', 'incarnation')
                local lost = h[1] and (h[2] or '') ~= inc
                if not h[1] then
                  local since = tonumber(redis.call('HGET', gs .. 'lost-since', member))
                  if not since then
                    redis.call('HSET', gs .. 'lost-since', member, now)
                  elseif now - since >= tonumber(ARGV[8]) then
                    lost = true
                  end
                else
                  redis.call('HDEL', gs .. 'lost-since', member)
                end
                if lost then
                  local set = gs .. 'hosted:' .. member
                  for _, match in ipairs(redis.call('SPOP', set, limit - #out)) do
                    local key = gs .. 'match:' .. match
                    if redis.call('HGET', key, 'state') == 'allocated' then
                      redis.call('HSET', key, 'state', 'aborted', 'reason', ARGV[5])
                      redis.call('PEXPIRE', key, ARGV[6])
                      redis.call('ZADD', KEYS[2], ARGV[2], match)
                      take(match, server)
                    end
                  end
                  if redis.call('SCARD', set) == 0 then
                    redis.call('SREM', KEYS[1], member)
                    redis.call('HDEL', gs .. 'lost-since', member)
                    if not h[1] then redis.call('DEL', gs .. 'alloc:' .. server) end
                  end
                end
              end
            end
            return out
            """);

    /** A claim that runs later than this after the sweep read the clock declares nothing (as a slow probe). */
    static final long MAX_LATE_MS = 1_000;
    /**
     * A server missing from the registry is lost only when a claim at least this much later still
     * misses it (one sweep period): a heartbeat that stalls a moment past the TTL under CPU load
     * (3.4 s between two beats in a reliability count at load average 30) is not a lost server.
     */
    static final long CONFIRM_MISSING_MS = 1_000;

    private final UnifiedJedis redis;
    private final long recordTtlMs;

    /** @param recordTtlMs how long an aborted match's fate record is kept (as long as other fate records) */
    public LostServers(UnifiedJedis redis, long recordTtlMs) {
        this.redis = redis;
        this.recordTtlMs = recordTtlMs;
    }

    public void loadScripts() {
        NOW.load(redis);
        CLAIM_LOST.load(redis);
    }

    /** The clock of the Redis node that runs the claims, in ms: also the registry probe of a sweep. */
    public long redisTimeMs() {
        return (Long) NOW.run(redis, List.of(RegistryKeys.hosting()), List.of());
    }

    /** A claim reached Redis too late after the sweep read its clock: nothing was declared lost. */
    public static final class LateClaimException extends IllegalStateException {
        LateClaimException(String lateMs) {
            super("lost-server claim ran " + lateMs + " ms after the sweep read Redis's clock (a delayed link): "
                    + "no server declared lost");
        }
    }

    /**
     * Claims up to {@code limit} aborts: overdue ones first, then matches of lost incarnations.
     * Each must be settled by {@code deadlineMs}, or it is handed out again.
     *
     * @param nowMs Redis's clock ({@link #redisTimeMs}) when the sweep decided to claim
     * @throws LateClaimException when the claim ran more than {@link #MAX_LATE_MS} after {@code nowMs}
     */
    public List<LostMatch> claim(long nowMs, long deadlineMs, int limit, String reason) {
        List<?> reply = (List<?>) CLAIM_LOST.run(redis, List.of(RegistryKeys.hosting(), RegistryKeys.aborting()),
                List.of(Long.toString(nowMs), Long.toString(deadlineMs), Integer.toString(limit), RegistryKeys.PREFIX,
                        reason, Long.toString(recordTtlMs), Long.toString(MAX_LATE_MS),
                        Long.toString(CONFIRM_MISSING_MS)));
        if (reply.size() == 2 && !(reply.get(0) instanceof List<?>)) {
            throw new LateClaimException(text(reply.get(1)));
        }
        List<LostMatch> lost = new ArrayList<>(reply.size());
        for (Object row : reply) {
            List<?> fields = (List<?>) row;
            lost.add(new LostMatch(text(fields.get(0)), text(fields.get(1)), text(fields.get(2)), text(fields.get(3)),
                    text(fields.get(4))));
        }
        return lost;
    }

    /** The abort of {@code matchId} is fully announced: no sweep hands it out again. */
    public void settled(String matchId) {
        redis.zrem(RegistryKeys.aborting(), matchId);
    }

    private static String text(Object value) {
        return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
