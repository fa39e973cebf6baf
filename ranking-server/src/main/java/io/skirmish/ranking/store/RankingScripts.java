package io.skirmish.ranking.store;

import io.skirmish.kit.redis.LuaScript;

/**
 * The Lua scripts of the ranking slot. Every key they touch is passed in {@code KEYS} and
 * carries the {@code {rk}} hash tag (see {@link RankingKeys}).
 *
 * <p>Numbers: ratings ({@code mu}, {@code sigma}) travel and are stored as the strings Java
 * wrote ({@code Double.toString}, exact round trip); Lua never computes with them. Board scores
 * are integers below 2^53 ({@link io.skirmish.ranking.board.ScoreCodec}), exact in Lua's
 * doubles, and written with {@code %.0f} because Redis turns a Lua number argument into text
 * with only 14 significant digits.
 */
public final class RankingScripts {

    private RankingScripts() {
    }

    /** Fixed keys of {@link #APPLY} before the per-player rating keys. */
    public static final int APPLY_FIXED_KEYS = 12;
    /** ARGV entries of {@link #APPLY} before the per-player fields. */
    public static final int APPLY_FIXED_ARGS = 11;
    /** ARGV entries per player in {@link #APPLY}. */
    public static final int APPLY_PLAYER_ARGS = 7;

    /**
     * Reads what a result's computation needs. KEYS: applied key, current-season key, then one
     * rating hash per player. Returns {marker or '', current season or '', then per player
     * mu, sigma, season, v (each '' when absent)}.
     */
    public static final LuaScript SNAPSHOT = new LuaScript("snapshot", """
            local out = {redis.call('GET', KEYS[1]) or '', redis.call('GET', KEYS[2]) or ''}
            for i = 3, #KEYS do
              local r = redis.call('HMGET', KEYS[i], 'mu', 'sigma', 'season', 'v')
              for j = 1, 4 do out[#out + 1] = r[j] or '' end
            end
            return out
            """);

    /**
     * Applies one rated result, all or nothing. Checks first, writes after, so a refused apply
     * leaves Redis untouched.
     *
     * <pre>
     * KEYS  1 applied marker   2 current season   3 commit sequence   4 counters
     *       5 rating board     6 rating board's ratings hash
     *       7 wins season      8 wins daily       9 wins weekly
     *      10 kills season    11 kills daily     12 kills weekly
     *      13.. one rating hash per player
     * ARGV  1 match id   2 season id   3 version token of this attempt   4 board time part
     *       5 daily expire-at (s; -1 = too old, skip)   6 weekly expire-at (s; -1 = skip)
     *       7 marker ttl (s)   8 now (ms)   9 mode   10 player count   11 event payload
     *       then per player: id, expected version ('' = new), mu, sigma, display,
     *                        outcome ('wins' | 'losses' | 'draws'), kills
     * </pre>
     *
     * Returns {'ok', seq} | {'dup', marker} | {'season', current season} | {'conflict', player index}.
     * The marker is {@code <seq>|<event payload>}; {@code v} in a rating hash is the version
     * token of the attempt that wrote it, unique per attempt, so a compare-and-set against it
     * can only pass when nobody else wrote the player since it was read.
     */
    public static final LuaScript APPLY = new LuaScript("apply", """
            local FIXED = 12
            local TS = 4294967296
            local MAXV = 2097151
            local marker = redis.call('GET', KEYS[1])
            if marker then return {'dup', marker} end
            local season = redis.call('GET', KEYS[2])
            if season ~= ARGV[2] then return {'season', season or ''} end
            local n = tonumber(ARGV[10])
            local base = 11
            for i = 1, n do
              local a = base + (i - 1) * 7
              local v = redis.call('HGET', KEYS[FIXED + i], 'v') or ''
              if v ~= ARGV[a + 2] then return {'conflict', tostring(i)} end
            end
            local seq = redis.call('INCR', KEYS[3])
            local timePart = tonumber(ARGV[4])
            local dailyExp = tonumber(ARGV[5])
            local weeklyExp = tonumber(ARGV[6])
            local function bump(key, member, delta, expireAt)
              if delta <= 0 or expireAt < 0 then return end
              local old = redis.call('ZSCORE', key, member)
              local value = delta
              if old then value = math.floor(tonumber(old) / TS) + delta end
              if value > MAXV then value = MAXV end
              redis.call('ZADD', key, string.format('%.0f', value * TS + timePart), member)
              if expireAt > 0 then redis.call('EXPIREAT', key, expireAt) end
            end
            for i = 1, n do
              local a = base + (i - 1) * 7
              local id = ARGV[a + 1]
              local mu = ARGV[a + 3]
              local sigma = ARGV[a + 4]
              local display = tonumber(ARGV[a + 5])
              local outcome = ARGV[a + 6]
              local kills = tonumber(ARGV[a + 7])
              local key = KEYS[FIXED + i]
              redis.call('HSET', key, 'mu', mu, 'sigma', sigma, 'season', ARGV[2], 'v', ARGV[3],
                'updated_ms', ARGV[8], 'last_match', ARGV[1])
              redis.call('HINCRBY', key, 'matches', 1)
              redis.call('HINCRBY', key, outcome, 1)
              local old = redis.call('ZSCORE', KEYS[5], id)
              -- keep the earlier achievement time when the shown rating did not change
              if (not old) or math.floor(tonumber(old) / TS) ~= display then
                redis.call('ZADD', KEYS[5], string.format('%.0f', display * TS + timePart), id)
              end
              redis.call('HSET', KEYS[6], id, mu .. ' ' .. sigma)
              local win = 0
              if outcome == 'wins' then win = 1 end
              bump(KEYS[7], id, win, 0)
              bump(KEYS[8], id, win, dailyExp)
              bump(KEYS[9], id, win, weeklyExp)
              bump(KEYS[10], id, kills, 0)
              bump(KEYS[11], id, kills, dailyExp)
              bump(KEYS[12], id, kills, weeklyExp)
            end
            redis.call('HINCRBY', KEYS[4], 'applied', 1)
            redis.call('HINCRBY', KEYS[4], 'applied.' .. ARGV[9], 1)
            local record = string.format('%d', seq) .. '|' .. ARGV[11]
            redis.call('SET', KEYS[1], record, 'EX', ARGV[7])
            return {'ok', string.format('%d', seq)}
            """);

    /**
     * Starts a season. KEYS: current-season key, catalogue, new season's definition. ARGV:
     * season id, started ms, then field/value pairs of the definition. Returns {'ok', previous}
     * or {'exists', current}: starting the current season again changes nothing, starting a
     * season that already exists but is not current is refused (seasons only move forward).
     */
    public static final LuaScript START_SEASON = new LuaScript("start-season", """
            local current = redis.call('GET', KEYS[1]) or ''
            if redis.call('EXISTS', KEYS[3]) == 1 then return {'exists', current} end
            redis.call('HSET', KEYS[3], 'previous', current, unpack(ARGV, 3))
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            redis.call('SET', KEYS[1], ARGV[1])
            return {'ok', current}
            """);
}
