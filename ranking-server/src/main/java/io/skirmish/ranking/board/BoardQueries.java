package io.skirmish.ranking.board;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.google.protobuf.Message;

import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.ranking.season.SeasonInfo;
import io.skirmish.ranking.store.RankingKeys;

/**
 * The query side: checks Top, Around, Rank and Friends and turns each into a {@link BoardCall}
 * (plain Redis commands in one to three steps) that reads the reply. Reads Redis only. A player without an entry is an answer, not an error:
 * {@code PlayerRank.found = false}, an empty Around page, or an omitted Friends row. Never blocks
 * (the season catalogue is read from {@link SeasonDirectory}'s cache), so it runs on the event
 * loops. With a {@link PageCache}, Top, Around and Rank are answered from it when it holds the
 * page, and a page read from Redis is offered to it (Friends, many players at once, always
 * reads Redis). Thread-safe.
 */
public final class BoardQueries {

    public static final int MAX_TOP = 100;
    public static final int MAX_AROUND = 50;
    public static final int MAX_FRIENDS = 200;
    public static final int MAX_PLAYER_ID_BYTES = 128;

    private final SeasonDirectory seasons;
    private final InstantSource clock;
    private final TopPageMembers topPages = new TopPageMembers();
    private final PageCache cache;

    public BoardQueries(SeasonDirectory seasons, InstantSource clock) {
        this(seasons, clock, null);
    }

    /** @param cache the read cache, or {@code null} to read every query from Redis */
    public BoardQueries(SeasonDirectory seasons, InstantSource clock, PageCache cache) {
        this.seasons = seasons;
        this.clock = clock;
        this.cache = cache;
    }

    /** A board named by a client, with its period key resolved and its keys built. */
    record Resolved(BoardRef ref, BoardName name, String key, String ratingsKey) {
        boolean withRatings() {
            return ratingsKey != null;
        }

        /** The Redis keys a page of this board is read from. */
        String[] keys() {
            return ratingsKey == null ? new String[] {key} : new String[] {key, ratingsKey};
        }
    }

    Resolved resolve(BoardRef ref) throws QueryException {
        BoardName name = BoardName.parse(ref.getBoard());
        if (name == null) {
            throw new QueryException(ErrorCode.ERROR_CODE_UNKNOWN_BOARD, "no board '" + clip(ref.getBoard())
                    + "': expected duel|squad|ffa, optionally with .wins or .kills");
        }
        BoardPeriod period = BoardPeriod.fromWire(ref.getPeriod());
        if (period == null || !name.supports(period)) {
            throw new QueryException(ErrorCode.ERROR_CODE_UNKNOWN_BOARD, "board '" + name.text() + "' has no "
                    + ref.getPeriod() + " board (rating boards are per season; .wins/.kills per season, day, week)");
        }
        String periodKey = ref.getPeriodKey();
        if (period == BoardPeriod.SEASON) {
            if (periodKey.isEmpty()) {
                periodKey = seasons.currentId();
                if (periodKey == null) {
                    throw new QueryException(ErrorCode.ERROR_CODE_UNKNOWN_BOARD, "no season has started yet");
                }
            } else if (!SeasonInfo.isValidId(periodKey) || !seasons.exists(periodKey)) {
                throw new QueryException(ErrorCode.ERROR_CODE_UNKNOWN_BOARD, "no season '" + clip(periodKey) + "'");
            }
        } else if (periodKey.isEmpty()) {
            periodKey = Periods.key(period, clock.millis());
        } else {
            try {
                Periods.start(period, periodKey);
            } catch (IllegalArgumentException e) {
                throw new QueryException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, clip(e.getMessage()));
            }
        }
        BoardRef resolved = BoardRef.newBuilder().setBoard(name.text()).setPeriod(period.toWire())
                .setPeriodKey(periodKey).build();
        String ratings = name.stat() == BoardName.Stat.RATING ? RankingKeys.boardRatings(name.mode(), periodKey) : null;
        return new Resolved(resolved, name, RankingKeys.board(name, period, periodKey), ratings);
    }

    /**
     * The call that answers one client message.
     *
     * @throws QueryException a refused query ({@code UNKNOWN_BOARD}, {@code INVALID_ARGUMENT}, or
     *                        {@code UNKNOWN_MESSAGE} for a body that is no query)
     */
    public BoardCall prepare(ClientMessage message) throws QueryException {
        return switch (message.getBodyCase()) {
            case TOP -> top(message.getTop().getBoard(), message.getTop().getCount(),
                    Integer.toUnsignedLong(message.getTop().getOffset()));
            case AROUND -> around(message.getAround().getBoard(), message.getAround().getPlayerId(),
                    message.getAround().getCount());
            case RANK -> rank(message.getRank().getBoard(), message.getRank().getPlayerId());
            case FRIENDS -> friends(message.getFriends().getBoard(), message.getFriends().getPlayerIdsList());
            default -> throw new QueryException(ErrorCode.ERROR_CODE_UNKNOWN_MESSAGE,
                    "message " + message.getBodyCase() + " is not served here");
        };
    }

    public BoardCall top(BoardRef ref, int count, long offset) throws QueryException {
        if (count < 1) {
            throw new QueryException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, "count must be 1.." + MAX_TOP + ", got " + count);
        }
        Resolved board = resolve(ref);
        long stop = offset + Math.min(count, MAX_TOP) - 1;
        return throughCache("top", board, cache == null ? null : "top|" + board.key() + '|' + offset + '|' + stop,
                () -> new TopCall(board, offset, stop, topPages));
    }

    public BoardCall around(BoardRef ref, String playerId, int count) throws QueryException {
        checkPlayer(playerId);
        if (count < 0 || count > MAX_AROUND) {
            throw new QueryException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, "count must be 0.." + MAX_AROUND + ", got " + count);
        }
        Resolved board = resolve(ref);
        return throughCache("around", board, cache == null ? null : "around|" + board.key() + '|' + count + '|' + playerId,
                () -> new AroundCall(board, playerId, count));
    }

    public BoardCall rank(BoardRef ref, String playerId) throws QueryException {
        checkPlayer(playerId);
        Resolved board = resolve(ref);
        return throughCache("rank", board, cache == null ? null : "rank|" + board.key() + '|' + playerId,
                () -> new RankCall(board, playerId));
    }

    public BoardCall friends(BoardRef ref, List<String> playerIds) throws QueryException {
        if (playerIds.size() > MAX_FRIENDS) {
            throw new QueryException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, playerIds.size() + " player ids, at most "
                    + MAX_FRIENDS);
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String id : playerIds) {
            checkPlayer(id);
            unique.add(id);
        }
        return new FriendsCall(resolve(ref), unique.toArray(String[]::new));
    }

    /**
     * The cached answer of {@code page}, or the call that reads it, allowed to keep its answer.
     * The ticket is taken here, before the call's first step can leave.
     */
    private BoardCall throughCache(String kind, Resolved board, String page, Supplier<BoardCall> read) {
        if (cache == null) {
            return read.get();
        }
        Message kept = cache.get(page);
        if (kept != null) {
            return new CachedCall(kind, kept);
        }
        long ticket = cache.ticket();
        BoardCall call = read.get();
        return ticket == PageCache.NO_TICKET ? call : call.keepIn(cache, page, board.keys(), ticket);
    }

    /** {@code HMGET} of the ratings behind a rating board's {@code members}. */
    static String[] ratingsOf(Resolved board, String[] members) {
        String[] command = new String[members.length + 2];
        command[0] = "HMGET";
        command[1] = board.ratingsKey();
        System.arraycopy(members, 0, command, 2, members.length);
        return command;
    }

    private static void checkPlayer(String playerId) throws QueryException {
        if (playerId.isEmpty() || playerId.getBytes(StandardCharsets.UTF_8).length > MAX_PLAYER_ID_BYTES) {
            throw new QueryException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, "player id must be 1.." + MAX_PLAYER_ID_BYTES
                    + " bytes");
        }
    }

    private static String clip(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 64 ? printable : printable.substring(0, 64) + "...";
    }
}
