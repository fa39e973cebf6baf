package io.skirmish.match.queue;

/**
 * The Lua scripts that change a queue. Each runs in the queue's slot (all its keys share the
 * queue's hash tag; keys derived inside a script from a prefix argument carry the same tag),
 * and each validates everything it needs before its first write, so a failed check leaves
 * Redis untouched.
 *
 * <p>Ticket states: {@code searching} (in {@code waiting}) -> {@code claimed} (by one match id,
 * out of {@code waiting}) -> {@code matched} (kept a while for status queries), or back to
 * {@code searching} when the allocation failed. Cancel and expiry delete a searching ticket.
 */
final class QueueScripts {

    private QueueScripts() {
    }

    /**
     * KEYS: ticket, waiting, owned set, owners, stats. ARGV: ticket id, enqueued ms, owner,
     * owner lease expiry ms, ticket ttl ms, field/value pairs...
     */
    static final String ENQUEUE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'state', 'searching', unpack(ARGV, 6))
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            redis.call('SADD', KEYS[3], ARGV[1])
            redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
            redis.call('HINCRBY', KEYS[5], 'joined', 1)
            return 1
            """;

    /**
     * Removes a searching ticket. KEYS: ticket, waiting, stats. ARGV: ticket id, owned prefix,
     * outcome counter ({@code cancelled} or {@code expired}). Returns {status, players}; status
     * {@code ok}, {@code missing}, or the ticket's state when it is not searching.
     */
    static final String CANCEL = """
            local state = redis.call('HGET', KEYS[1], 'state')
            if not state then return {'missing', ''} end
            local players = redis.call('HGET', KEYS[1], 'players') or ''
            if state ~= 'searching' then return {state, players} end
            local owner = redis.call('HGET', KEYS[1], 'owner') or ''
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('SREM', ARGV[2] .. owner, ARGV[1])
            redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
            return {'ok', players}
            """;

    /**
     * The oldest searching tickets whose owner is alive. KEYS: waiting, owners. ARGV: limit, now
     * ms, ticket prefix. Returns flat {id, enqueued, players, mu, sigma, rtts, owner}*.
     */
    static final String SNAPSHOT = """
            local ids = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
            local out = {}
            local alive = {}
            local now = tonumber(ARGV[2])
            for i = 1, #ids, 2 do
              local t = redis.call('HMGET', ARGV[3] .. ids[i], 'players', 'mu', 'sigma', 'rtts', 'owner', 'state')
              if t[1] and t[6] == 'searching' then
                local owner = t[5]
                if alive[owner] == nil then
                  local lease = redis.call('ZSCORE', KEYS[2], owner)
                  alive[owner] = lease ~= false and lease ~= nil and tonumber(lease) >= now
                end
                if alive[owner] then
                  table.insert(out, ids[i]); table.insert(out, ids[i + 1]); table.insert(out, t[1])
                  table.insert(out, t[2]); table.insert(out, t[3]); table.insert(out, t[4] or '')
                  table.insert(out, owner)
                end
              end
            end
            return out
            """;

    /**
     * Claims tickets for one match, all or nothing. KEYS: waiting, claims, claim, owners,
     * tickets... ARGV: now ms, claim deadline ms, match id, claim key ttl ms, ticket ids...
     * Returns 0 on success, else the 1-based position of the first ticket that is no longer
     * claimable (cancelled, claimed by another match, or its owner is gone).
     */
    static final String CLAIM = """
            local now = tonumber(ARGV[1])
            local n = #KEYS - 4
            for i = 1, n do
              local t = redis.call('HMGET', KEYS[4 + i], 'state', 'owner')
              if t[1] ~= 'searching' then return i end
              local lease = redis.call('ZSCORE', KEYS[4], t[2])
              if not lease or tonumber(lease) < now then return i end
            end
            local ids = {}
            for i = 1, n do
              local id = ARGV[4 + i]
              redis.call('HSET', KEYS[4 + i], 'state', 'claimed', 'match', ARGV[3])
              redis.call('ZREM', KEYS[1], id)
              ids[i] = id
            end
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            redis.call('SET', KEYS[3], table.concat(ids, ','), 'PX', ARGV[4])
            return 0
            """;

    /**
     * Marks the tickets of an allocated match as matched. KEYS: claims, claim, stats. ARGV: match
     * id, ticket prefix, owned prefix, keep ms, then field/value pairs stored on each ticket
     * (server, host, ports, slots). Idempotent. Returns the number of tickets marked.
     */
    static final String COMMIT = """
            local list = redis.call('GET', KEYS[2])
            local count = 0
            if list then
              for id in string.gmatch(list, '[^,]+') do
                local key = ARGV[2] .. id
                local t = redis.call('HMGET', key, 'state', 'match', 'owner')
                if t[1] == 'claimed' and t[2] == ARGV[1] then
                  redis.call('HSET', key, 'state', 'matched', unpack(ARGV, 5))
                  redis.call('PEXPIRE', key, ARGV[4])
                  redis.call('SREM', ARGV[3] .. (t[3] or ''), id)
                  count = count + 1
                end
              end
            end
            if count > 0 then redis.call('HINCRBY', KEYS[3], 'matched', count) end
            redis.call('DEL', KEYS[2])
            redis.call('ZREM', KEYS[1], ARGV[1])
            return count
            """;

    /**
     * Puts the tickets of a claim that was not allocated back into the queue with their original
     * enqueue time. KEYS: claims, claim, waiting, stats. ARGV: match id, ticket prefix, reason.
     * Idempotent. Returns the ids released.
     */
    static final String RELEASE = """
            local list = redis.call('GET', KEYS[2])
            local released = {}
            if list then
              for id in string.gmatch(list, '[^,]+') do
                local key = ARGV[2] .. id
                local t = redis.call('HMGET', key, 'state', 'match', 'enq')
                if t[1] == 'claimed' and t[2] == ARGV[1] then
                  redis.call('HSET', key, 'state', 'searching', 'reason', ARGV[3])
                  redis.call('HDEL', key, 'match')
                  redis.call('ZADD', KEYS[3], t[3], id)
                  table.insert(released, id)
                end
              end
            end
            if #released > 0 then redis.call('HINCRBY', KEYS[4], 'requeued', #released) end
            redis.call('DEL', KEYS[2])
            redis.call('ZREM', KEYS[1], ARGV[1])
            return released
            """;

    /**
     * Expires tickets: searching tickets older than the ticket TTL, and searching tickets whose
     * owner's lease ran out. KEYS: waiting, owners, stats. ARGV: now ms, ticket ttl ms, limit,
     * ticket prefix, owned prefix. Returns flat {id, players, owner, reason}*.
     */
    static final String SWEEP = """
            local now = tonumber(ARGV[1])
            local limit = tonumber(ARGV[3])
            local out = {}
            local expired = 0
            local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - tonumber(ARGV[2])), 'LIMIT', 0, limit)
            for _, id in ipairs(old) do
              local key = ARGV[4] .. id
              local t = redis.call('HMGET', key, 'state', 'players', 'owner')
              redis.call('ZREM', KEYS[1], id)
              if t[1] == false or t[1] == 'searching' then
                redis.call('DEL', key)
                if t[3] then redis.call('SREM', ARGV[5] .. t[3], id) end
                expired = expired + 1
                table.insert(out, id); table.insert(out, t[2] or ''); table.insert(out, t[3] or ''); table.insert(out, 'ttl')
              end
            end
            local dead = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. now, 'LIMIT', 0, 4)
            for _, owner in ipairs(dead) do
              local set = ARGV[5] .. owner
              local ids = redis.call('SRANDMEMBER', set, limit)
              for _, id in ipairs(ids) do
                local key = ARGV[4] .. id
                local t = redis.call('HMGET', key, 'state', 'players')
                if t[1] == false or t[1] == 'matched' then
                  redis.call('SREM', set, id)
                elseif t[1] == 'searching' then
                  redis.call('DEL', key)
                  redis.call('ZREM', KEYS[1], id)
                  redis.call('SREM', set, id)
                  expired = expired + 1
                  table.insert(out, id); table.insert(out, t[2] or ''); table.insert(out, owner); table.insert(out, 'owner_gone')
                end
              end
              if redis.call('SCARD', set) == 0 then redis.call('ZREM', KEYS[2], owner) end
            end
            if expired > 0 then redis.call('HINCRBY', KEYS[3], 'expired', expired) end
            return out
            """;

    /** KEYS: lease. ARGV: instance id, ttl ms. Takes or renews the formation lease; 1 when held. */
    static final String LEASE = """
            local holder = redis.call('GET', KEYS[1])
            if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
            if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
            return 0
            """;

    /** KEYS: lease. ARGV: instance id. Gives the lease up if held. */
    static final String UNLEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    /** KEYS: player index. ARGV: expected value. Deletes only if it still names that ticket. */
    static final String DELETE_IF = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    /** KEYS: player index. ARGV: old value, new value, ttl ms. Replaces a stale index entry. */
    static final String REPLACE_IF = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1
            end
            return 0
            """;
}
