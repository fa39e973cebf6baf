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
 * {@code waiting} either claims it or deletes it in the same call), by the match whose entry in
 * the {@code claimed} hash names it. So a claim writes nothing on its tickets. Ticket bodies are
 * fields of one hash per queue ({@link MatchKeys.Queue#tickets}, layout in {@link TicketBody}),
 * without expiry: every body is named by {@code waiting}, a claim, or the {@code kept} set, and
 * the round's sweeps, the claim recovery and the kept sweep remove each in the end.
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
     * counts each command a script runs). Ticket bodies live in one hash per queue, so a batch of
     * tickets is written, read and removed with one variadic command each (HSET, HMGET, HDEL) where
     * a key per ticket cost a command and an expiry each; the claim keeps its tickets' players in
     * the claimed hash, so the commit writes without asking anything else; the waiting set is the
     * only index of searching tickets (the tickets of an instance that died are found in the
     * listing, see SWEEP_ORPHANS); a ZADD NX both adds a ticket and checks its id is new. Nothing
     * in the tickets hash expires by itself: every body is named by the waiting set (searching), a
     * claim (claimed) or the kept set (matched, requeuing), and each of those is swept.
     */

    /** Lua helpers every ticket script uses. */
    private static final String TICKET_LUA = LuaChunks.TICKETS;

    /**
     * Adds searching tickets. KEYS: waiting, owners, stats, tickets. ARGV: [1] owner, [2] owner
     * lease expiry ms (empty: the caller renewed it recently enough, see {@link TicketStore}),
     * [3] reservation age limit s, then per ticket: id, enqueued ms, oldest reservation of its
     * players (Redis seconds), body ({@link TicketBody}). Returns per ticket 1 (written), 0 (the id
     * is waiting already: ids are 96 random bits, so only the same write again) or -1 (its
     * reservations are older than the limit: a join that old may have been taken over, see
     * {@link PlayerDirectory}). One {@code ZADD NX} adds every id and tells by its count whether
     * all were new (then one HSET writes every body); only when one was not are the bodies read
     * to find it, so a waiting ticket's body is never overwritten.
     */
    static final LuaScript ENQUEUE_MANY = new LuaScript("match-enqueue-many", TICKET_LUA + """
            local now = tonumber(redis.call('TIME')[1])
            local limit = tonumber(ARGV[3])
            local out, fresh, scores = {}, {}, {}
            for i = 4, #ARGV, 4 do
              if now - tonumber(ARGV[i + 2]) > limit then
                out[#out + 1] = -1
              else
                out[#out + 1] = 1
                fresh[#fresh + 1] = i
                scores[#scores + 1] = ARGV[i + 1]; scores[#scores + 1] = ARGV[i]
              end
            end
            if #fresh == 0 then return out end
            local added = 0
            for first = 1, #scores, 1000 do
              added = added + redis.call('ZADD', KEYS[1], 'NX', unpack(scores, first, math.min(first + 999, #scores)))
            end
            local bodies = {}
            if added == #fresh then
              for _, i in ipairs(fresh) do bodies[#bodies + 1] = ARGV[i]; bodies[#bodies + 1] = ARGV[i + 3] end
            else
              local ids = {}
              for k, i in ipairs(fresh) do ids[k] = ARGV[i] end
              local existing = read_all('HMGET', KEYS[4], ids)
              local seen = {}
              for k, i in ipairs(fresh) do
                if existing[k] or seen[ARGV[i]] then
                  out[(i - 4) / 4 + 1] = 0
                else
                  seen[ARGV[i]] = true
                  bodies[#bodies + 1] = ARGV[i]; bodies[#bodies + 1] = ARGV[i + 3]
                end
              end
            end
            if #bodies > 0 then
              push_all('HSET', KEYS[4], bodies)
              if ARGV[2] ~= '' then redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1]) end
              redis.call('HINCRBY', KEYS[3], 'joined', #bodies / 2)
            end
            return out
            """);

    /**
     * Removes a searching ticket. KEYS: tickets, waiting, stats. ARGV: ticket id, outcome counter
     * ({@code cancelled} or {@code expired}), owner (empty: any; else the ticket is removed only
     * while that instance owns it, so a connection that closed on an instance the ticket was taken
     * away from, see {@link #TAKE_OVER}, does not cancel it under its new owner). Returns {status,
     * players}; status {@code ok}, {@code missing}, {@code moved} (owned by another instance),
     * {@code claimed} (searching by its field but out of {@code waiting}), or the ticket's state
     * when it is not searching.
     */
    static final LuaScript CANCEL = new LuaScript("match-cancel", TICKET_LUA + """
            local t = decode(redis.call('HGET', KEYS[1], ARGV[1]))
            if not t then return {'missing', ''} end
            local players = t.players or ''
            if ARGV[3] ~= '' and t.owner ~= ARGV[3] then return {'moved', players} end
            if t.state ~= 'searching' then return {t.state or '', players} end
            if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then return {'claimed', players} end
            redis.call('HDEL', KEYS[1], ARGV[1])
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
     * a failed allocation puts it back under its live owner. KEYS: tickets, owners. ARGV: ticket
     * id, leader (the player who logged in), new owner, new owner's lease expiry ms. Returns
     * {status, players, enqueued ms, previous owner}; status {@code moved}, {@code own} (already
     * owned by the caller), {@code missing}, {@code not_leader}, or the state of a ticket that no
     * longer waits ({@code matched}).
     */
    static final LuaScript TAKE_OVER = new LuaScript("match-take-over", TICKET_LUA + """
            local t = decode(redis.call('HGET', KEYS[1], ARGV[1]))
            if not t then return {'missing', '', '0', ''} end
            local players, owner, enq = t.players or '', t.owner or '', t.enq or '0'
            if string.match(players, '^[^,]*') ~= ARGV[2] then return {'not_leader', players, enq, owner} end
            if t.state ~= 'searching' then return {t.state or '', players, enq, owner} end
            if owner == ARGV[3] then return {'own', players, enq, owner} end
            redis.call('ZADD', KEYS[2], 'GT', ARGV[4], ARGV[3])
            t.owner = ARGV[3]
            redis.call('HSET', KEYS[1], ARGV[1], encode(t))
            return {'moved', players, enq, owner}
            """);

    /**
     * One formation round's reads and housekeeping of a queue, in one call. KEYS: lease, waiting,
     * owners, stats, claims, tickets, kept. ARGV: [1] instance id, [2] lease ttl ms, [3] may take a
     * free lease (1/0), [4] now ms, [5] ticket ttl ms, [6] sweep limit, [7] snapshot limit, [8]
     * overdue claim limit, [9] foreign cut-off ms (tickets enqueued at or before it may play in
     * other regions).
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
     * their TTL, drops the bodies of kept tickets whose time is up, forgets owners whose lease ran
     * out (a missing owner counts as dead wherever owners are checked), and puts {expired flat {id,
     * players, owner, reason}*, overdue claim ids, snapshot flat {id, enqueued}* of the oldest
     * tickets} before the counter. The tickets of owners whose lease ran out are swept by
     * {@link #SWEEP_ORPHANS} once a listing shows them.
     */
    static final LuaScript ROUND = new LuaScript("match-round", TICKET_LUA + """
            local now = tonumber(ARGV[4])
            local live = redis.call('ZRANGEBYSCORE', KEYS[3], now, '+inf')
            local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[9], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[7]))
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
            local doomed = {}
            local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. (now - tonumber(ARGV[5])), 'LIMIT', 0, limit)
            if #stale > 0 then
              local bodies = read_all('HMGET', KEYS[6], stale)
              for k, id in ipairs(stale) do
                local t = decode(bodies[k])
                if t == nil or t.state == 'searching' then
                  doomed[#doomed + 1] = id
                  expired[#expired + 1] = id; expired[#expired + 1] = t and t.players or ''
                  expired[#expired + 1] = t and t.owner or ''; expired[#expired + 1] = 'ttl'
                end
              end
              push_all('ZREM', KEYS[2], stale)
              push_all('HDEL', KEYS[6], doomed)
              if #doomed > 0 then redis.call('HINCRBY', KEYS[4], 'expired', #doomed) end
            end
            local gone = redis.call('ZRANGEBYSCORE', KEYS[7], '-inf', now, 'LIMIT', 0, limit)
            if #gone > 0 then
              push_all('HDEL', KEYS[6], gone)
              push_all('ZREM', KEYS[7], gone)
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. now)
            local overdue = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', now, 'LIMIT', 0, tonumber(ARGV[8]))
            local snapshot = redis.call('ZRANGE', KEYS[2], 0, tonumber(ARGV[7]) - 1, 'WITHSCORES')
            return {1, live, redis.call('ZCARD', KEYS[2]), old, expired, overdue, snapshot,
                    redis.call('HGET', KEYS[4], 'matched') or '0'}
            """);

    /**
     * Deletes searching tickets whose owner's lease ran out (the instance holding their leaders'
     * connections died: nobody could be told of a match). The caller names the suspects (listed
     * tickets whose known owner was not alive in its last listing); each is checked again here.
     * KEYS: waiting, owners, stats, tickets. ARGV: [1] now ms, then ticket ids. Returns flat {id,
     * players, owner, 'owner_gone'}* of the tickets deleted.
     */
    static final LuaScript SWEEP_ORPHANS = new LuaScript("match-sweep-orphans", TICKET_LUA + """
            local now = tonumber(ARGV[1])
            local ids = {}
            for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
            local bodies = read_all('HMGET', KEYS[4], ids)
            local waiting = read_all('ZMSCORE', KEYS[1], ids)
            local dead = {}
            local expired = {}
            local doomed = {}
            for k, id in ipairs(ids) do
              local t = decode(bodies[k])
              if t and t.state == 'searching' and waiting[k] then
                local owner = t.owner or ''
                if dead[owner] == nil then
                  local lease = redis.call('ZSCORE', KEYS[2], owner)
                  dead[owner] = not lease or tonumber(lease) < now
                end
                if dead[owner] then
                  doomed[#doomed + 1] = id
                  expired[#expired + 1] = id; expired[#expired + 1] = t.players or ''
                  expired[#expired + 1] = owner; expired[#expired + 1] = 'owner_gone'
                end
              end
            end
            push_all('HDEL', KEYS[4], doomed)
            push_all('ZREM', KEYS[1], doomed)
            if #doomed > 0 then redis.call('HINCRBY', KEYS[3], 'expired', #doomed) end
            return expired
            """);

    /**
     * Claims tickets for many matches, each all or nothing. KEYS: lease, waiting, claims, owners,
     * tickets, claimed. ARGV: [1] lease holder to check (empty: no check, for parts in another
     * region's queue), [2] now ms, [3] claim deadline ms, then per match: match id, ticket count,
     * ticket ids. Returns -1 (nothing claimed: the caller no longer holds the lease) or per match 0
     * (claimed) or the 1-based position of the first ticket that is no longer claimable
     * (cancelled, claimed by another match, owner gone). The claimed hash holds per match
     * {@code id=players;...} (players comma-separated), so the commit and the release need not
     * look the claim up anywhere else: while a match is in the claimed hash its tickets are
     * claimed by it (only the commit and the release change a claimed ticket, and both remove the
     * match in the same call). Every ticket of the call is checked with one ZMSCORE (membership
     * of {@code waiting}) and read with one HMGET, the claimed ones taken out with one ZREM, and
     * the claims written with one ZADD and one HSET; nothing is written on the tickets themselves.
     */
    static final LuaScript CLAIM_MANY = new LuaScript("match-claim-many", TICKET_LUA + """
            if ARGV[1] ~= '' and redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
            local now = tonumber(ARGV[2])
            local all = {}
            local i = 4
            while i <= #ARGV do
              local n = tonumber(ARGV[i + 1])
              for j = 1, n do all[#all + 1] = ARGV[i + 1 + j] end
              i = i + 2 + n
            end
            local waiting = read_all('ZMSCORE', KEYS[2], all)
            local bodies = read_all('HMGET', KEYS[5], all)
            local alive, taken, seen, out, deadlines, claims = {}, {}, {}, {}, {}, {}
            local pos = 0
            i = 4
            while i <= #ARGV do
              local match, n = ARGV[i], tonumber(ARGV[i + 1])
              local failed = 0
              local entries = {}
              for j = 1, n do
                local id = ARGV[i + 1 + j]
                local t = decode(bodies[pos + j])
                if not waiting[pos + j] or seen[id] or not t then failed = j break end
                local owner = t.owner or ''
                if alive[owner] == nil then
                  local lease = redis.call('ZSCORE', KEYS[4], owner)
                  alive[owner] = lease ~= false and lease ~= nil and tonumber(lease) >= now
                end
                if not alive[owner] then failed = j break end
                entries[j] = id .. '=' .. (t.players or '')
              end
              if failed == 0 then
                for j = 1, n do
                  seen[ARGV[i + 1 + j]] = true
                  taken[#taken + 1] = ARGV[i + 1 + j]
                end
                deadlines[#deadlines + 1] = ARGV[3]; deadlines[#deadlines + 1] = match
                claims[#claims + 1] = match; claims[#claims + 1] = table.concat(entries, ';')
              end
              out[#out + 1] = failed
              pos = pos + n
              i = i + 2 + n
            end
            push_all('ZREM', KEYS[2], taken)
            push_all('ZADD', KEYS[3], deadlines)
            push_all('HSET', KEYS[6], claims)
            return out
            """);

    /**
     * Marks the tickets of allocated matches as matched and keeps them {@code keep ms} (a status
     * request re-sends their MatchFound; a lost server's matches are requeued from them). KEYS:
     * claims, stats, tickets, claimed, kept. ARGV: [1] keep ms, then per match: match id, field
     * count, field/value pairs stored on each ticket (match, server, host, ports, slots;
     * {@code match} among them). Idempotent (the match leaves the claimed hash with the first
     * call). Returns per match the tickets marked, flat {id, players}*. One HMGET reads the
     * claims, one HMGET the tickets, one HSET writes them all, one ZADD keeps them, and one HDEL
     * and one ZREM drop the claims, whatever the number of matches.
     */
    static final LuaScript COMMIT_MANY = new LuaScript("match-commit-many", TICKET_LUA + """
            local until_ms = tonumber(redis.call('TIME')[1]) * 1000 + tonumber(ARGV[1])
            local matches = {}
            local i = 2
            while i <= #ARGV do
              matches[#matches + 1] = i
              i = i + 2 + 2 * tonumber(ARGV[i + 1])
            end
            local ids = {}
            for k, at in ipairs(matches) do ids[k] = ARGV[at] end
            local lists = read_all('HMGET', KEYS[4], ids)
            local per, all = {}, {}
            for k = 1, #matches do
              local entries = {}
              if lists[k] then
                for entry in string.gmatch(lists[k], '[^;]+') do
                  local id, players = string.match(entry, '^([^=]*)=(.*)$')
                  entries[#entries + 1] = {id, players}
                  all[#all + 1] = id
                end
              end
              per[k] = entries
            end
            local bodies = read_all('HMGET', KEYS[3], all)
            local writes, keeps, out = {}, {}, {}
            local total, pos = 0, 0
            for k, at in ipairs(matches) do
              local marked = {}
              local n = tonumber(ARGV[at + 1])
              for _, entry in ipairs(per[k]) do
                pos = pos + 1
                local t = decode(bodies[pos])
                if t then
                  t.state = 'matched'
                  for f = 1, n do t[ARGV[at + 2 * f]] = ARGV[at + 2 * f + 1] end
                  writes[#writes + 1] = entry[1]; writes[#writes + 1] = encode(t)
                  keeps[#keeps + 1] = until_ms; keeps[#keeps + 1] = entry[1]
                  marked[#marked + 1] = entry[1]; marked[#marked + 1] = entry[2]
                  total = total + 1
                end
              end
              out[k] = marked
            end
            push_all('HSET', KEYS[3], writes)
            push_all('ZADD', KEYS[5], keeps)
            push_all('HDEL', KEYS[4], ids)
            push_all('ZREM', KEYS[1], ids)
            if total > 0 then redis.call('HINCRBY', KEYS[2], 'matched', total) end
            return out
            """);

    /**
     * Puts the tickets of a claim that was not allocated back into the queue with their original
     * enqueue time. KEYS: claims, waiting, stats, tickets, claimed. ARGV: match id, reason.
     * Idempotent (the match leaves the claimed hash with the first call, and while it is there its
     * tickets are claimed by it: see {@link #CLAIM_MANY}). Returns the ids released.
     */
    static final LuaScript RELEASE = new LuaScript("match-release", TICKET_LUA + """
            local list = redis.call('HGET', KEYS[5], ARGV[1])
            local released = {}
            if list then
              local ids = {}
              for entry in string.gmatch(list, '[^;]+') do ids[#ids + 1] = string.match(entry, '^[^=]*') end
              local bodies = read_all('HMGET', KEYS[4], ids)
              local writes, scores = {}, {}
              for k, id in ipairs(ids) do
                local t = decode(bodies[k])
                if t and t.state == 'searching' then
                  t.reason = ARGV[2]
                  writes[#writes + 1] = id; writes[#writes + 1] = encode(t)
                  scores[#scores + 1] = t.enq or '0'; scores[#scores + 1] = id
                  released[#released + 1] = id
                end
              end
              push_all('HSET', KEYS[4], writes)
              push_all('ZADD', KEYS[2], scores)
              if #released > 0 then redis.call('HINCRBY', KEYS[3], 'requeued', #released) end
            end
            redis.call('HDEL', KEYS[5], ARGV[1])
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
