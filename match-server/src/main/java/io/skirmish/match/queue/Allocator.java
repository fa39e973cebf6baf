package io.skirmish.match.queue;

import io.skirmish.kit.redis.LuaScript;
import io.skirmish.protocol.game.v1.MatchAllocation;
import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The game backend's load balancer: one atomic script in the {@code {gs}} slot picks a live
 * {@code ready} game server of the region with room for the match (capacity_players - players
 * - players reserved by allocations of the last {@code reserveWindowMs}), the one with the most
 * tick headroom first and the most free room second, pushes the {@code MatchAllocation} onto its
 * list, reserves the players, and records the match's fate in {@code skirmish:{gs}:match:<id>}.
 *
 * <p>The fate record makes the two-slot hand-off safe: a claim's tickets live in the queue's
 * slot, the allocation in {@code {gs}}. Whoever settles an overdue claim first writes
 * {@code aborted} into the same record ({@link #abortIfUnallocated}); the allocation script
 * refuses a match whose record exists. So for any match id exactly one of "allocated" and
 * "aborted" happens, and the tickets are then committed or released accordingly.
 *
 * <p>Reservations: a game server reports its players in its heartbeat (every second) only after
 * it has popped the allocation; until then the match-server counts them itself, in per-second
 * buckets of {@code skirmish:{gs}:reserved:<serverId>}. Counting them for a full window may count
 * a match twice for up to that long, which only errs on the side of not overfilling a server.
 *
 * <p>{@code game_server_id} (field 7) is appended to the serialized allocation inside the script,
 * because the server is only chosen there: protobuf merges concatenated fields. Server ids are
 * at most 64 bytes, so the length is a one-byte varint.
 */
public final class Allocator implements MatchmakerPorts.Allocations {

    /**
     * Allocates many matches of one region in one call. KEYS: live set. ARGV: [1] now, [2] gs
     * prefix, [3] reserve window ms, [4] marker ttl ms, then per match: match id, players,
     * payload, slots ({@code player=team,...}, kept for recovery), tickets ({@link AllocatedTickets},
     * kept for a requeue if the server is lost). The live servers are read once; each match then
     * takes the server with the most estimated headroom that still has room for it, the estimate
     * shrinking with every match placed earlier in the same call (so a burst is spread, not
     * poured onto the server that was best at the start). The match joins its server
     * incarnation's {@code hosted} set, the allocation is stamped with that incarnation. A
     * server's allocations and hosted ids of the call are written with one {@code RPUSH} and one
     * {@code SADD} after the loop, not one per match (the script is atomic, so nobody sees the
     * difference; Redis's cost per command is most of the cost of a small write). Returns per match {status, state, server, host,
     * tcp port, udp port, slots}: status {@code ok}, {@code exists} (the match already has a fate:
     * its fields) or {@code no_server}.
     */
    static final LuaScript ALLOCATE_MANY = new LuaScript("match-allocate-many", LuaChunks.PUSH_ALL + """
            local now = tonumber(ARGV[1])
            local gs = ARGV[2]
            local window = tonumber(ARGV[3])
            local since = math.floor((now - window) / 1000)
            local servers = {}
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf', 'LIMIT', 0, 256)) do
              local h = redis.call('HMGET', gs .. 'server:' .. id, 'state', 'capacity_players', 'players',
                  'tick_headroom', 'host', 'tcp_port', 'udp_port', 'incarnation')
              local inc = h[8] or ''
              if h[1] == 'ready' and #id < 128 and #inc < 64 then
                local reserved = 0
                local r = redis.call('HGETALL', gs .. 'reserved:' .. id)
                for i = 1, #r, 2 do
                  if tonumber(r[i]) >= since then reserved = reserved + tonumber(r[i + 1]) end
                end
                local free = (tonumber(h[2]) or 0) - (tonumber(h[3]) or 0) - reserved
                table.insert(servers, {id = id, free = free, start = math.max(free, 1),
                    headroom = tonumber(h[4]) or 0, info = h, inc = inc, used = 0, allocs = {}, hosted = {}})
              end
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)
            local bucket = math.floor(now / 1000)
            local out = {}
            local i = 5
            while i <= #ARGV do
              local match, n, payload, slots, tickets = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 3],
                  ARGV[i + 4]
              local marker = gs .. 'match:' .. match
              local m = redis.call('HMGET', marker, 'state', 'server', 'host', 'tcp_port', 'udp_port', 'slots')
              if m[1] then
                table.insert(out, {'exists', m[1], m[2] or '', m[3] or '', m[4] or '0', m[5] or '0', m[6] or ''})
              else
                -- Spread: a server's tick headroom is assumed to shrink in step with its free room,
                -- so each match placed in this call lowers the headroom its server is ranked by.
                local best, bestRoom = nil, nil
                for _, s in ipairs(servers) do
                  local room = s.headroom * s.free / s.start
                  if s.free >= n and (best == nil or room > bestRoom or (room == bestRoom and s.free > best.free)) then
                    best, bestRoom = s, room
                  end
                end
                if not best then
                  table.insert(out, {'no_server'})
                else
                  local stamped = payload .. string.char(58, #best.id) .. best.id
                  if best.inc ~= '' then stamped = stamped .. string.char(66, #best.inc) .. best.inc end
                  best.allocs[#best.allocs + 1] = stamped
                  best.hosted[#best.hosted + 1] = match
                  best.free = best.free - n
                  best.used = best.used + n
                  local h = best.info
                  redis.call('HSET', marker, 'state', 'allocated', 'server', best.id, 'host', h[5] or '',
                      'tcp_port', h[6] or '0', 'udp_port', h[7] or '0', 'slots', slots, 'incarnation', best.inc,
                      'tickets', tickets)
                  redis.call('PEXPIRE', marker, ARGV[4])
                  table.insert(out, {'ok', 'allocated', best.id, h[5] or '', h[6] or '0', h[7] or '0', slots})
                end
              end
              i = i + 5
            end
            for _, s in ipairs(servers) do
              if s.used > 0 then
                push_all('RPUSH', gs .. 'alloc:' .. s.id, s.allocs)
                push_all('SADD', gs .. 'hosted:' .. s.inc .. ':' .. s.id, s.hosted)
                redis.call('SADD', gs .. 'hosting', s.inc .. ':' .. s.id)
                local key = gs .. 'reserved:' .. s.id
                redis.call('HINCRBY', key, bucket, s.used)
                for _, b in ipairs(redis.call('HKEYS', key)) do
                  if tonumber(b) < since then redis.call('HDEL', key, b) end
                end
                redis.call('PEXPIRE', key, window + 2000)
              end
            end
            return out
            """);

    /** KEYS: match marker. ARGV: ttl ms. */
    static final LuaScript ABORT = new LuaScript("match-abort", """
            local m = redis.call('HMGET', KEYS[1], 'state', 'server', 'host', 'tcp_port', 'udp_port', 'slots')
            if m[1] then return {'exists', m[1], m[2] or '', m[3] or '', m[4] or '0', m[5] or '0', m[6] or ''} end
            redis.call('HSET', KEYS[1], 'state', 'aborted')
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return {'aborted', 'aborted', '', '', '0', '0', ''}
            """);

    /**
     * Where a match went. {@code status}: allocated, aborted, or no_server; {@code slots} as
     * given to {@link #allocate} ({@code player=team,...}).
     */
    public record Placement(String status, String serverId, String host, int tcpPort, int udpPort, String slots) {
        public boolean allocated() {
            return "allocated".equals(status);
        }
    }

    private final UnifiedJedis redis;
    private final long reserveWindowMs;
    private final long markerTtlMs;

    /**
     * @param reserveWindowMs how long an allocation's players count against a server before its
     *                        heartbeat reports them (2 heartbeats is safe)
     * @param markerTtlMs     how long a match's fate is remembered (longer than any claim can be overdue)
     */
    public Allocator(UnifiedJedis redis, long reserveWindowMs, long markerTtlMs) {
        this.redis = redis;
        this.reserveWindowMs = reserveWindowMs;
        this.markerTtlMs = markerTtlMs;
    }

    /** Loads the scripts (start-up; a lost script is reloaded on its next call anyway). */
    public void loadScripts() {
        ALLOCATE_MANY.load(redis);
        ABORT.load(redis);
    }

    /** One match to allocate: the allocation (without game_server_id) and its slots text. */
    public record Request(MatchAllocation allocation, String slots, String tickets) {
    }

    /** Places {@code allocation} (without game_server_id) on a server of its region. */
    public Placement allocate(MatchAllocation allocation, String slots, String tickets, long nowMs) {
        return allocateAll(allocation.getRegion(), List.of(new Request(allocation, slots, tickets)), nowMs).get(0);
    }

    /** Places matches of one region, in order, in one call; one placement per request. */
    public List<Placement> allocateAll(String region, List<Request> requests, long nowMs) {
        List<byte[]> args = new ArrayList<>(4 + 5 * requests.size());
        args.addAll(List.of(bytes(Long.toString(nowMs)), bytes(MatchKeys.GS), bytes(Long.toString(reserveWindowMs)),
                bytes(Long.toString(markerTtlMs))));
        for (Request request : requests) {
            MatchAllocation allocation = request.allocation();
            args.add(bytes(allocation.getMatchId()));
            args.add(bytes(Integer.toString(allocation.getPlayersCount())));
            args.add(allocation.toByteArray());
            args.add(bytes(request.slots()));
            args.add(bytes(request.tickets()));
        }
        List<?> results = (List<?>) ALLOCATE_MANY.runBinary(redis, List.of(bytes(MatchKeys.live(region))), args);
        List<Placement> placements = new ArrayList<>(results.size());
        for (Object result : results) {
            List<?> fields = (List<?>) result;
            placements.add("no_server".equals(text(fields.get(0))) ? new Placement("no_server", "", "", 0, 0, "")
                    : placement(fields));
        }
        return placements;
    }

    /** Settles an overdue claim: aborted unless the match was allocated, in which case its placement. */
    public Placement abortIfUnallocated(String matchId) {
        List<?> result = (List<?>) ABORT.runBinary(redis, List.of(bytes(MatchKeys.matchMarker(matchId))),
                List.of(bytes(Long.toString(markerTtlMs))));
        return placement(result);
    }

    private static Placement placement(List<?> result) {
        return new Placement(text(result.get(1)), text(result.get(2)), text(result.get(3)),
                Integer.parseInt(text(result.get(4))), Integer.parseInt(text(result.get(5))), text(result.get(6)));
    }

    private static String text(Object value) {
        return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
