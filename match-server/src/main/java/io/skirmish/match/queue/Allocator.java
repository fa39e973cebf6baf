package io.skirmish.match.queue;

import io.skirmish.protocol.game.v1.MatchAllocation;
import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
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
public final class Allocator {

    /**
     * KEYS: live set, match marker. ARGV: now, players, match id, payload, gs prefix, reserve window
     * ms, marker ttl ms, slots ({@code player=team,...}, kept for recovery).
     */
    static final String ALLOCATE = """
            local m = redis.call('HMGET', KEYS[2], 'state', 'server', 'host', 'tcp_port', 'udp_port', 'slots')
            if m[1] then return {'exists', m[1], m[2] or '', m[3] or '', m[4] or '0', m[5] or '0', m[6] or ''} end
            local now = tonumber(ARGV[1])
            local n = tonumber(ARGV[2])
            local gs = ARGV[5]
            local since = math.floor((now - tonumber(ARGV[6])) / 1000)
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf', 'LIMIT', 0, 256)
            local best, bestHeadroom, bestFree, bestInfo = nil, -1, -1, nil
            for _, id in ipairs(ids) do
              local h = redis.call('HMGET', gs .. 'server:' .. id, 'state', 'capacity_players', 'players',
                  'tick_headroom', 'host', 'tcp_port', 'udp_port')
              if h[1] == 'ready' and #id < 128 then
                local reserved = 0
                local r = redis.call('HGETALL', gs .. 'reserved:' .. id)
                for i = 1, #r, 2 do
                  if tonumber(r[i]) >= since then reserved = reserved + tonumber(r[i + 1]) end
                end
                local free = (tonumber(h[2]) or 0) - (tonumber(h[3]) or 0) - reserved
                local headroom = tonumber(h[4]) or 0
                if free >= n and (headroom > bestHeadroom or (headroom == bestHeadroom and free > bestFree)) then
                  best, bestHeadroom, bestFree, bestInfo = id, headroom, free, h
                end
              end
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)
            if not best then return {'no_server'} end
            redis.call('RPUSH', gs .. 'alloc:' .. best, ARGV[4] .. string.char(58, #best) .. best)
            local reservedKey = gs .. 'reserved:' .. best
            redis.call('HINCRBY', reservedKey, math.floor(now / 1000), n)
            local r = redis.call('HKEYS', reservedKey)
            for _, bucket in ipairs(r) do
              if tonumber(bucket) < since then redis.call('HDEL', reservedKey, bucket) end
            end
            redis.call('PEXPIRE', reservedKey, tonumber(ARGV[6]) + 2000)
            redis.call('HSET', KEYS[2], 'state', 'allocated', 'server', best, 'host', bestInfo[5] or '',
                'tcp_port', bestInfo[6] or '0', 'udp_port', bestInfo[7] or '0', 'slots', ARGV[8])
            redis.call('PEXPIRE', KEYS[2], ARGV[7])
            return {'ok', 'allocated', best, bestInfo[5] or '', bestInfo[6] or '0', bestInfo[7] or '0', ARGV[8]}
            """;

    /** KEYS: match marker. ARGV: ttl ms. */
    static final String ABORT = """
            local m = redis.call('HMGET', KEYS[1], 'state', 'server', 'host', 'tcp_port', 'udp_port', 'slots')
            if m[1] then return {'exists', m[1], m[2] or '', m[3] or '', m[4] or '0', m[5] or '0', m[6] or ''} end
            redis.call('HSET', KEYS[1], 'state', 'aborted')
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return {'aborted', 'aborted', '', '', '0', '0', ''}
            """;

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

    /** Places {@code allocation} (without game_server_id) on a server of its region. */
    public Placement allocate(MatchAllocation allocation, String slots, long nowMs) {
        List<byte[]> keys = List.of(bytes(MatchKeys.live(allocation.getRegion())),
                bytes(MatchKeys.matchMarker(allocation.getMatchId())));
        List<byte[]> args = List.of(bytes(Long.toString(nowMs)), bytes(Integer.toString(allocation.getPlayersCount())),
                bytes(allocation.getMatchId()), allocation.toByteArray(), bytes(MatchKeys.GS),
                bytes(Long.toString(reserveWindowMs)), bytes(Long.toString(markerTtlMs)), bytes(slots));
        List<?> result = (List<?>) redis.eval(bytes(ALLOCATE), keys, args);
        if ("no_server".equals(text(result.get(0)))) {
            return new Placement("no_server", "", "", 0, 0, "");
        }
        return placement(result);
    }

    /** Settles an overdue claim: aborted unless the match was allocated, in which case its placement. */
    public Placement abortIfUnallocated(String matchId) {
        List<?> result = (List<?>) redis.eval(bytes(ABORT), List.of(bytes(MatchKeys.matchMarker(matchId))),
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
