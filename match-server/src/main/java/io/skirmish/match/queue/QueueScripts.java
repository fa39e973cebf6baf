package io.skirmish.match.queue;

import io.skirmish.kit.redis.LuaScript;

import java.util.List;

/**
 * The Lua scripts that change a queue or a player's index entry, run by SHA ({@link LuaScript}).
 * Each queue script runs in the queue's slot (all its keys share the queue's hash tag; keys
 * derived inside a script from a prefix argument carry the same tag), and each validates what
 * it needs before its first write, so a failed check leaves Redis untouched. The batch scripts
 * ({@link #ENQUEUE_MANY}, {@link #CLAIM_MANY}, {@link #COMMIT_MANY}) do for many tickets or
 * matches in one call what the single versions did one call at a time: the round trip, not
 * Redis, is what a busy machine makes expensive.
 *
 * <p>Ticket states: {@code searching} (in {@code waiting}) -> {@code claimed} (by one match id,
 * out of {@code waiting}) -> {@code matched} (kept a while for status queries), or back to
 * {@code searching} when the allocation failed. Cancel and expiry delete a searching ticket. The
 * state is told by membership where that is enough: a ticket's {@code state} field stays
 * {@code searching} while it is claimed, and a ticket whose field says {@code searching} but that
 * is not in {@code waiting} is claimed (every script that takes a searching ticket out of
 * {@code waiting} either claims it or deletes it in the same call), by the match whose claim key
 * names it. So a claim writes nothing on its tickets.
 */
final class QueueScripts {

    private QueueScripts() {
    }

    /** Every script, for loading at start-up. */
    static List<LuaScript> all() {
        return List.of(ENQUEUE_MANY, CANCEL, TAKE_OVER, ROUND, SWEEP_ORPHANS, CLAIM_MANY, COMMIT_MANY, RELEASE, UNLEASE,
                RESERVE_MANY, RESERVE_OWN_MANY, DELETE_IF_MANY, SETTLE_INDEX_MANY, REPLACE_IF);
    }

    /*
     * Commands per matched ticket are the cost these scripts are shaped by (INFO commandstats
     * counts each command a script runs): a claimed ticket's own key is read once, in the claim,
     * and the claim remembers its players, so the commit writes without reading; the waiting set
     * is the only index of searching tickets (no per-owner set to keep in step: the tickets of an
     * instance that died are found in the listing, see SWEEP_ORPHANS); a ZADD NX both adds a
     * ticket and checks its id is new.
     */

    /**
     * Adds searching tickets. KEYS: waiting, owners, stats. ARGV: owner, owner lease expiry ms,
     * ticket key ttl ms, ticket prefix, reservation age limit s, then per ticket: id, enqueued ms,
     * oldest reservation of its players (Redis seconds), field count, field/value pairs. Returns
     * per ticket 1 (written), 0 (the id is waiting already: ids are 96 random bits, so only the
     * same write again) or -1 (its reservations are older than the limit: a join that old may
     * have been taken over, see {@link PlayerDirectory}).
     */
    static final LuaScript ENQUEUE_MANY = new LuaScript("match-enqueue-many", """
            local now = tonumber(redis.call('TIME')[1])
            local limit = tonumber(ARGV[5])
            local out = {}
            local written = 0
            local i = 6
            while i <= #ARGV do
              local id, enq, reserved, n = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
              local key = ARGV[4] .. id
              if now - reserved > limit then
                table.insert(out, -1)
              elseif redis.call('ZADD', KEYS[1], 'NX', enq, id) == 0 then
                table.insert(out, 0)
              else
                redis.call('HSET', key, 'state', 'searching', unpack(ARGV, i + 4, i + 3 + 2 * n))
                redis.call('PEXPIRE', key, ARGV[3])
                written = written + 1
                table.insert(out, 1)
              end
              i = i + 4 + 2 * n
            end
            if written > 0 then
              redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
              redis.call('HINCRBY', KEYS[3], 'joined', written)
            end
            return out
            """);

    /**
     * Removes a searching ticket. KEYS: ticket, waiting, stats. ARGV: ticket id, outcome counter
     * ({@code cancelled} or {@code expired}), owner (empty: any; else the ticket is removed only
     * while that instance owns it, so a connection that closed on an instance the ticket was taken
     * away from, see {@link #TAKE_OVER}, does not cancel it under its new owner). Returns {status,
     * players}; status {@code ok}, {@code missing}, {@code moved} (owned by another instance),
     * {@code claimed} (searching by its field but out of {@code waiting}), or the ticket's state
     * when it is not searching.
     */
    static final LuaScript CANCEL = new LuaScript("match-cancel", """
            local t = redis.call('HMGET', KEYS[1], 'state', 'players', 'owner')
            if not t[1] then return {'missing', ''} end
            local players = t[2] or ''
            if ARGV[3] ~= '' and t[3] ~= ARGV[3] then return {'moved', players} end
            if t[1] ~= 'searching' then return {t[1], players} end
            if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then return {'claimed', players} end
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
            return {'ok', players}
            """);

    /**
     * Moves a waiting ticket to the instance its leader just logged in on. The owner is the
     * instance holding the leader's connection: a ticket whose owner died (or lost the player to
     * a newer login) would otherwise be swept as {@code owner_gone} when that owner's lease runs
     * out, although its player is back. The new owner's lease is written in the same call (never
     * shortened), so the ticket is never owned by an instance without a lease. A searching ticket
     * keeps its place (its score in {@code waiting} is untouched); a claimed one is moved too, so
     * a failed allocation puts it back under its live owner. KEYS: ticket, owners. ARGV: leader
     * (the player who logged in), new owner, new owner's lease expiry ms. Returns {status, players,
     * enqueued ms, previous owner}; status {@code moved}, {@code own} (already owned by the caller),
     * {@code missing}, {@code not_leader}, or the state of a ticket that no longer waits
     * ({@code matched}).
     */
    static final LuaScript TAKE_OVER = new LuaScript("match-take-over", """
            local t = redis.call('HMGET', KEYS[1], 'state', 'players', 'owner', 'enq')
            if not t[1] then return {'missing', '', '0', ''} end
            local players, owner, enq = t[2] or '', t[3] or '', t[4] or '0'
            if string.match(players, '^[^,]*') ~= ARGV[1] then return {'not_leader', players, enq, owner} end
            if t[1] ~= 'searching' and t[1] ~= 'claimed' then return {t[1], players, enq, owner} end
            if owner == ARGV[2] then return {'own', players, enq, owner} end
            redis.call('ZADD', KEYS[2], 'GT', ARGV[3], ARGV[2])
            redis.call('HSET', KEYS[1], 'owner', ARGV[2])
            return {'moved', players, enq, owner}
            """);

    /**
     * One formation round's reads and housekeeping of a queue, in one call. KEYS: lease, waiting,
     * owners, stats, claims. ARGV: [1] instance id, [2] lease ttl ms, [3] may take a free lease
     * (1/0), [4] now ms, [5] ticket ttl ms, [6] sweep limit, [7] snapshot limit, [8] ticket
     * prefix, [9] overdue claim limit, [10] foreign cut-off ms (tickets enqueued at or before it
     * may play in other regions).
     *
     * <p>It reads ids, never ticket bodies: a ticket's body does not change while it waits, so the
     * caller reads each body once ({@link TicketBodies}) instead of every round. Membership of
     * {@code waiting} is the searching state (every script that changes the state adds or removes
     * the id in the same call), and the owners whose lease is alive come back as a list, for the
     * caller to drop the tickets of dead owners.
     *
     * <p>Always returns {lease, live owners, queue size, old, ..., matched}: lease 1 = held by the
     * caller (taken or renewed), 0 = held by another instance, 2 = free and not taken; live owners
     * = instance ids; old = flat {id, enqueued}* of the searching tickets enqueued before the
     * foreign cut-off; matched = the queue's matched counter, last (every instance measures the
     * formation rate from it, see {@link JoinAdmission}). When held it also sweeps tickets past
     * their TTL, forgets owners whose lease ran out (a missing owner counts as dead wherever owners
     * are checked), and puts {expired flat {id, players, owner, reason}*, overdue claim ids,
     * snapshot flat {id, enqueued}* of the oldest tickets} before the counter. The tickets of owners whose lease ran out are swept by
     * {@link #SWEEP_ORPHANS} once a listing shows them.
     */
    static final LuaScript ROUND = new LuaScript("match-round", """
            local now = tonumber(ARGV[4])
            local live = redis.call('ZRANGEBYSCORE', KEYS[3], now, '+inf')
            local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[10], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[7]))
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            elseif not holder and ARGV[3] == '1' then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            else
              return {holder and 0 or 2, live, redis.call('ZCARD', KEYS[2]), old, redis.call('HGET', KEYS[4], 'matched') or '0'}
            end
            local limit = tonumber(ARGV[6])
            local expired = {}
            local count = 0
            local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. (now - tonumber(ARGV[5])), 'LIMIT', 0, limit)
            for _, id in ipairs(stale) do
              local key = ARGV[8] .. id
              local t = redis.call('HMGET', key, 'state', 'players', 'owner')
              redis.call('ZREM', KEYS[2], id)
              if t[1] == false or t[1] == 'searching' then
                redis.call('DEL', key)
                count = count + 1
                table.insert(expired, id); table.insert(expired, t[2] or ''); table.insert(expired, t[3] or '')
                table.insert(expired, 'ttl')
              end
            end
            if count > 0 then redis.call('HINCRBY', KEYS[4], 'expired', count) end
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. now)
            local overdue = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', now, 'LIMIT', 0, tonumber(ARGV[9]))
            local snapshot = redis.call('ZRANGE', KEYS[2], 0, tonumber(ARGV[7]) - 1, 'WITHSCORES')
            return {1, live, redis.call('ZCARD', KEYS[2]), old, expired, overdue, snapshot,
                    redis.call('HGET', KEYS[4], 'matched') or '0'}
            """);

    /**
     * Deletes searching tickets whose owner's lease ran out (the instance holding their leaders'
     * connections died: nobody could be told of a match). The caller names the suspects (listed
     * tickets whose known owner was not alive in its last listing); each is checked again here.
     * KEYS: waiting, owners, stats. ARGV: [1] ticket prefix, [2] now ms, then ticket ids. Returns
     * flat {id, players, owner, 'owner_gone'}* of the tickets deleted.
     */
    static final LuaScript SWEEP_ORPHANS = new LuaScript("match-sweep-orphans", """
            local now = tonumber(ARGV[2])
            local dead = {}
            local expired = {}
            local count = 0
            for i = 3, #ARGV do
              local id = ARGV[i]
              local key = ARGV[1] .. id
              local t = redis.call('HMGET', key, 'state', 'players', 'owner')
              if t[1] == 'searching' and redis.call('ZSCORE', KEYS[1], id) then
                local owner = t[3] or ''
                if dead[owner] == nil then
                  local lease = redis.call('ZSCORE', KEYS[2], owner)
                  dead[owner] = not lease or tonumber(lease) < now
                end
                if dead[owner] then
                  redis.call('DEL', key)
                  redis.call('ZREM', KEYS[1], id)
                  count = count + 1
                  table.insert(expired, id); table.insert(expired, t[2] or ''); table.insert(expired, owner)
                  table.insert(expired, 'owner_gone')
                end
              end
            end
            if count > 0 then redis.call('HINCRBY', KEYS[3], 'expired', count) end
            return expired
            """);

    /**
     * Claims tickets for many matches, each all or nothing. KEYS: lease, waiting, claims, owners.
     * ARGV: [1] lease holder to check (empty: no check, for parts in another region's queue), [2]
     * now ms, [3] claim deadline ms, [4] claim key ttl ms, [5] ticket prefix, [6] claim prefix,
     * then per match: match id, ticket count, ticket ids. Returns -1 (nothing claimed: the caller
     * no longer holds the lease) or per match 0 (claimed) or the 1-based position of the first
     * ticket that is no longer claimable (cancelled, claimed by another match, owner gone). The
     * claim key holds {@code id=players;...} (players comma-separated), so the commit and the
     * release need not read the tickets again: while a claim key exists its tickets are claimed
     * by its match (only the commit and the release change a claimed ticket, and both delete the
     * key in the same call). Whether a ticket is still searching is one ZMSCORE per match
     * (membership of {@code waiting}); each ticket's owner and players are read with one HMGET, and
     * nothing is written on the tickets themselves.
     */
    static final LuaScript CLAIM_MANY = new LuaScript("match-claim-many", """
            if ARGV[1] ~= '' and redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
            local now = tonumber(ARGV[2])
            local alive = {}
            local out = {}
            local i = 7
            while i <= #ARGV do
              local match, n = ARGV[i], tonumber(ARGV[i + 1])
              local failed = 0
              local entries = {}
              local waiting = redis.call('ZMSCORE', KEYS[2], unpack(ARGV, i + 2, i + 1 + n))
              for j = 1, n do
                if not waiting[j] then failed = j break end
                local t = redis.call('HMGET', ARGV[5] .. ARGV[i + 1 + j], 'owner', 'players')
                if not t[1] then failed = j break end
                entries[j] = ARGV[i + 1 + j] .. '=' .. (t[2] or '')
                if alive[t[1]] == nil then
                  local lease = redis.call('ZSCORE', KEYS[4], t[1])
                  alive[t[1]] = lease ~= false and lease ~= nil and tonumber(lease) >= now
                end
                if not alive[t[1]] then failed = j break end
              end
              if failed == 0 then
                redis.call('ZREM', KEYS[2], unpack(ARGV, i + 2, i + 1 + n))
                redis.call('ZADD', KEYS[3], ARGV[3], match)
                redis.call('SET', ARGV[6] .. match, table.concat(entries, ';'), 'PX', ARGV[4])
              end
              table.insert(out, failed)
              i = i + 2 + n
            end
            return out
            """);

    /**
     * Marks the tickets of allocated matches as matched. KEYS: claims, stats. ARGV: [1] ticket
     * prefix, [2] claim prefix, [3] keep ms, then per match: match id, field count, field/value
     * pairs stored on each ticket (match, server, host, ports, slots; {@code match} among them).
     * Idempotent (the claim key goes with the first call). Returns per match the tickets marked,
     * flat {id, players}*. The tickets are written without being read (see {@link #CLAIM_MANY});
     * a ticket key that expired meanwhile is not brought back: HSET then reports every field as
     * new ({@code state} exists on a claimed ticket), and the key is deleted.
     */
    static final LuaScript COMMIT_MANY = new LuaScript("match-commit-many", """
            local out = {}
            local total = 0
            local i = 4
            while i <= #ARGV do
              local match, n = ARGV[i], tonumber(ARGV[i + 1])
              local marked = {}
              local list = redis.call('GET', ARGV[2] .. match)
              if list then
                for entry in string.gmatch(list, '[^;]+') do
                  local id, players = string.match(entry, '^([^=]*)=(.*)$')
                  local key = ARGV[1] .. id
                  if redis.call('HSET', key, 'state', 'matched', unpack(ARGV, i + 2, i + 1 + 2 * n)) > n then
                    redis.call('DEL', key)
                  else
                    redis.call('PEXPIRE', key, ARGV[3])
                    table.insert(marked, id); table.insert(marked, players)
                    total = total + 1
                  end
                end
              end
              redis.call('DEL', ARGV[2] .. match)
              redis.call('ZREM', KEYS[1], match)
              table.insert(out, marked)
              i = i + 2 + 2 * n
            end
            if total > 0 then redis.call('HINCRBY', KEYS[2], 'matched', total) end
            return out
            """);

    /**
     * Puts the tickets of a claim that was not allocated back into the queue with their original
     * enqueue time. KEYS: claims, claim, waiting, stats. ARGV: match id, ticket prefix, reason.
     * Idempotent (the claim key goes with the first call, and while it exists its tickets are
     * claimed by its match: see {@link #CLAIM_MANY}). Returns the ids released.
     */
    static final LuaScript RELEASE = new LuaScript("match-release", """
            local list = redis.call('GET', KEYS[2])
            local released = {}
            if list then
              for entry in string.gmatch(list, '[^;]+') do
                local id = string.match(entry, '^[^=]*')
                local key = ARGV[2] .. id
                local t = redis.call('HMGET', key, 'state', 'enq')
                if t[1] == 'searching' then
                  redis.call('HSET', key, 'reason', ARGV[3])
                  redis.call('ZADD', KEYS[3], t[2], id)
                  table.insert(released, id)
                end
              end
            end
            if #released > 0 then redis.call('HINCRBY', KEYS[4], 'requeued', #released) end
            redis.call('DEL', KEYS[2])
            redis.call('ZREM', KEYS[1], ARGV[1])
            return released
            """);

    /** KEYS: lease. ARGV: instance id. Gives the lease up if held. */
    static final LuaScript UNLEASE = new LuaScript("match-unlease", """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    /**
     * Reserves players' queue index entries, stamped with Redis's clock. KEYS: player index
     * entries (one slot on a cluster: the caller groups them). ARGV: ttl ms, then per key the
     * value {@code <mode>|<region>|<ticketId>}. Returns per key {1, stored value} or
     * {0, existing value, Redis now in seconds}.
     */
    static final LuaScript RESERVE_MANY = new LuaScript("match-reserve-many", """
            local now = redis.call('TIME')[1]
            local out = {}
            for i, key in ipairs(KEYS) do
              local value = ARGV[i + 1] .. '|' .. now
              if redis.call('SET', key, value, 'NX', 'PX', ARGV[1]) then
                out[i] = {1, value}
              else
                out[i] = {0, redis.call('GET', key) or '', now}
              end
            end
            return out
            """);

    /**
     * {@link #RESERVE_MANY} for a requeue: also refuses a player whose matched pointer
     * ({@link MatchKeys#matched}) names another ticket. The index entry is removed as soon as a
     * match is settled, so a player who joined again after its match was lost and was matched
     * again, on a live server, has no entry left: without this check the requeue of the lost
     * match's ticket found the entry free and put the player in a second match (the reliability
     * count found pairs so placed, the live match left to run out its time). The pointer is
     * written before the entries go and lives in the entry's slot, so the check and the
     * reservation are one atomic step. KEYS: n index entries, then the same n players' matched
     * pointers. ARGV: ttl ms, then per player the value {@code <mode>|<region>|<ticketId>} (a
     * pointer is compared by its ticket id).
     * Returns per player {1, stored value} or {0, the entry or pointer in the way, Redis now in
     * seconds}.
     */
    static final LuaScript RESERVE_OWN_MANY = new LuaScript("match-reserve-own-many", """
            local now = redis.call('TIME')[1]
            local n = #KEYS / 2
            local out = {}
            local function ticket(entry) return string.match(entry, '([^|]*)$') end
            for i = 1, n do
              local matched = redis.call('GET', KEYS[n + i])
              if matched and ticket(matched) ~= ticket(ARGV[i + 1]) then
                out[i] = {0, matched, now}
              else
                local value = ARGV[i + 1] .. '|' .. now
                if redis.call('SET', KEYS[i], value, 'NX', 'PX', ARGV[1]) then
                  out[i] = {1, value}
                else
                  out[i] = {0, redis.call('GET', KEYS[i]) or '', now}
                end
              end
            end
            return out
            """);

    /**
     * Deletes players' index entries that still name a ticket (whatever their stamp). KEYS:
     * player index entries (one slot on a cluster: the caller groups them). ARGV: per key
     * {@code <mode>|<region>|<ticketId>}. An entry naming another ticket (its player was taken
     * over and joined again, rare) is left as it is. One MGET and one DEL per 1,000 keys, not a
     * command per player. Returns the number deleted.
     */
    static final LuaScript DELETE_IF_MANY = new LuaScript("match-index-delete-many",
            LuaChunks.MGET_DEL + LuaChunks.INDEX_NAMES + """
            local values = mget_all(KEYS, 1, #KEYS)
            local doomed = {}
            for i = 1, #KEYS do
              if names(values[i], ARGV[i]) then doomed[#doomed + 1] = KEYS[i] end
            end
            del_all(doomed)
            return #doomed
            """);

    /**
     * Settles players' index entries after their tickets matched: points each player at its
     * matched ticket (the pointer a status request reads while the entry is gone, see
     * {@link MatchedIndex}) and deletes the entries that still name the ticket, in one call, so
     * that at every instant one of the two names the ticket. KEYS: the n players' index entries,
     * then their n matched pointers, in the same order (one slot on a cluster: a player's two keys
     * share its hash tag, and the caller groups players by slot). ARGV: pointer ttl ms, then per
     * player its ticket's {@code <mode>|<region>|<ticketId>}. One SET per player (a pointer needs
     * its own expiry), one MGET and one DEL per 1,000 players. Returns the entries deleted.
     */
    static final LuaScript SETTLE_INDEX_MANY = new LuaScript("match-index-settle-many",
            LuaChunks.MGET_DEL + LuaChunks.INDEX_NAMES + """
            local n = #KEYS / 2
            local values = mget_all(KEYS, 1, n)
            local doomed = {}
            for i = 1, n do
              redis.call('SET', KEYS[n + i], ARGV[i + 1], 'PX', ARGV[1])
              if names(values[i], ARGV[i + 1]) then doomed[#doomed + 1] = KEYS[i] end
            end
            del_all(doomed)
            return #doomed
            """);

    /** KEYS: player index. ARGV: old value, new value prefix, ttl ms. Replaces a stale entry, stamped. */
    static final LuaScript REPLACE_IF = new LuaScript("match-index-replace-if", """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              local value = ARGV[2] .. '|' .. redis.call('TIME')[1]
              redis.call('SET', KEYS[1], value, 'PX', ARGV[3]) return {1, value}
            end
            return {0, ''}
            """);
}
