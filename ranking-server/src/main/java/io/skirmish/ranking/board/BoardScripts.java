package io.skirmish.ranking.board;

import io.skirmish.ranking.store.LuaScript;

/**
 * Read-only scripts of the query side: each answers one query in one round trip from one
 * consistent state of a board (rank, score and rating read together). KEYS: the board, then
 * the hash of ratings behind it (the board key again for boards without ratings; ARGV[1] says
 * whether to read it). Every reply starts with {total entries, 0-based rank of the first row}.
 */
public final class BoardScripts {

    private BoardScripts() {
    }

    /** ARGV: with ratings (0/1), start, stop. Reply: {total, start, {member, score, ...}, {rating...}}. */
    public static final LuaScript RANGE = new LuaScript("board-range", """
            local total = redis.call('ZCARD', KEYS[1])
            local rows = redis.call('ZREVRANGE', KEYS[1], ARGV[2], ARGV[3], 'WITHSCORES')
            return {total, tonumber(ARGV[2]), rows, BOARD_RATINGS}
            """.replace("BOARD_RATINGS", ratings("rows")));

    /** ARGV: with ratings, player, count. Reply as RANGE; start -1 when the player has no entry. */
    static final LuaScript AROUND = new LuaScript("board-around", """
            local total = redis.call('ZCARD', KEYS[1])
            local rank = redis.call('ZREVRANK', KEYS[1], ARGV[2])
            if not rank then return {total, -1, {}, {}} end
            local count = tonumber(ARGV[3])
            local start = rank - count
            if start < 0 then start = 0 end
            local rows = redis.call('ZREVRANGE', KEYS[1], start, rank + count, 'WITHSCORES')
            return {total, start, rows, BOARD_RATINGS}
            """.replace("BOARD_RATINGS", ratings("rows")));

    /**
     * ARGV: with ratings, player ids... Reply: {total, -1, {member, score, rank, ...}, {rating...}}
     * for the players that have an entry, in the order given.
     */
    static final LuaScript RANKS = new LuaScript("board-ranks", """
            local total = redis.call('ZCARD', KEYS[1])
            local rows = {}
            local ranks = {}
            for i = 2, #ARGV do
              local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
              if score then
                rows[#rows + 1] = ARGV[i]
                rows[#rows + 1] = score
                ranks[#ranks + 1] = redis.call('ZREVRANK', KEYS[1], ARGV[i])
              end
            end
            local ratings = BOARD_RATINGS
            return {total, -1, rows, ratings, ranks}
            """.replace("BOARD_RATINGS", ratings("rows")));

    /** Lua expression: the ratings of the members in {@code rows} (member, score pairs), or {}. */
    private static String ratings(String rows) {
        return "(function() if ARGV[1] ~= '1' or #" + rows + " == 0 then return {} end "
                + "local ids = {} for i = 1, #" + rows + ", 2 do ids[#ids + 1] = " + rows + "[i] end "
                + "return redis.call('HMGET', KEYS[2], unpack(ids)) end)()";
    }
}
