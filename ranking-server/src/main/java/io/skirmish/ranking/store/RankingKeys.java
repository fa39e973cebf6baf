package io.skirmish.ranking.store;

import io.skirmish.ranking.board.BoardName;
import io.skirmish.ranking.board.BoardPeriod;

/**
 * Every Redis key the ranking-server writes, built here and nowhere else (the table is in
 * {@code docs/architecture.md}, "Ranking keys").
 *
 * <p>All of them carry the one hash tag {@code {rk}}, so that the script applying a result
 * changes ratings, counters, every board and the idempotency key of the match in one slot,
 * atomically, on a single node and on Redis Cluster alike. The price is that ranking lives on
 * one shard; the architecture document gives the numbers.
 */
public final class RankingKeys {

    public static final String TAG = "{rk}";
    public static final String PREFIX = "skirmish:" + TAG + ":";

    private RankingKeys() {
    }

    /** String: the id of the running season. */
    public static String currentSeason() {
        return PREFIX + "season:current";
    }

    /** Sorted set: every season id, scored by its start time (epoch ms). */
    public static String seasons() {
        return PREFIX + "season:all";
    }

    /** Hash: one season's definition ({@link io.skirmish.ranking.season.SeasonInfo}). */
    public static String seasonDefinition(String seasonId) {
        return PREFIX + "season:def:" + seasonId;
    }

    /** Hash: a player's latest rating in a mode (fields in the architecture document). */
    public static String rating(Mode mode, String playerId) {
        return PREFIX + "rating:" + mode.keyName() + ":" + playerId;
    }

    /** String with a TTL: the commit record of an applied match (idempotency key). */
    public static String applied(String matchId) {
        return PREFIX + "applied:" + matchId;
    }

    /** String counter: commit sequence, one per applied match. */
    public static String sequence() {
        return PREFIX + "seq";
    }

    /** Hash: totals ({@code applied}, {@code applied.<mode>}). */
    public static String counters() {
        return PREFIX + "counters";
    }

    /** Sorted set: one board; {@code periodKey} is a season id, a day or an ISO week. */
    public static String board(BoardName board, BoardPeriod period, String periodKey) {
        return PREFIX + "lb:" + board.text() + ":" + period.keyName() + ":" + periodKey;
    }

    /** Hash: player -> {@code "<mu> <sigma>"} behind a season rating board's entries. */
    public static String boardRatings(Mode mode, String seasonId) {
        return board(new BoardName(mode, BoardName.Stat.RATING), BoardPeriod.SEASON, seasonId) + ":ratings";
    }

    /** Any key of the ranking slot: routes script loading on a cluster. */
    public static String slotKey() {
        return sequence();
    }
}
