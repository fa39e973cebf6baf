package io.skirmish.ranking.board;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.Entry;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.protocol.ranking.v1.PlayerRank;
import io.skirmish.protocol.ranking.v1.Rating;
import io.skirmish.ranking.redis.RedisCommand;
import io.skirmish.ranking.redis.RespWriter;
import io.skirmish.ranking.season.SeasonInfo;
import io.skirmish.ranking.store.LuaScript;
import io.skirmish.ranking.store.RankingKeys;

/**
 * The query side: turns Top, Around, Rank and Friends into one {@link BoardCall} each (one
 * read-only script, so rank, score and rating come from one consistent state of the board) and
 * reads the reply. Reads Redis only. A player without an entry is an answer, not an error:
 * {@code PlayerRank.found = false}, an empty Around page, or an omitted Friends row. Never blocks
 * (the season catalogue is read from {@link SeasonDirectory}'s cache), so it runs on the event
 * loops. Thread-safe.
 */
public final class BoardQueries {

    public static final int MAX_TOP = 100;
    public static final int MAX_AROUND = 50;
    public static final int MAX_FRIENDS = 200;
    public static final int MAX_PLAYER_ID_BYTES = 128;

    private final SeasonDirectory seasons;
    private final InstantSource clock;

    public BoardQueries(SeasonDirectory seasons, InstantSource clock) {
        this.seasons = seasons;
        this.clock = clock;
    }

    /** {@code SCRIPT LOAD} of the read scripts: sent first on every query connection, so {@code EVALSHA} finds them. */
    public static List<RedisCommand> scriptLoads() {
        return Stream.of(BoardScripts.RANGE, BoardScripts.AROUND, BoardScripts.RANKS)
                .map(script -> (RedisCommand) out -> {
                    RespWriter.array(out, 3);
                    RespWriter.bulk(out, "SCRIPT");
                    RespWriter.bulk(out, "LOAD");
                    RespWriter.bulk(out, script.source());
                }).toList();
    }

    /** A board named by a client, with its period key resolved and its keys built. */
    record Resolved(BoardRef ref, BoardName name, String key, String ratingsKey) {
        boolean withRatings() {
            return ratingsKey != null;
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
        int n = Math.min(count, MAX_TOP);
        return call(BoardScripts.RANGE, board, (reply, into) -> into.setPage(page(board, reply)),
                Long.toString(offset), Long.toString(offset + n - 1));
    }

    public BoardCall around(BoardRef ref, String playerId, int count) throws QueryException {
        checkPlayer(playerId);
        if (count < 0 || count > MAX_AROUND) {
            throw new QueryException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, "count must be 0.." + MAX_AROUND + ", got " + count);
        }
        Resolved board = resolve(ref);
        return call(BoardScripts.AROUND, board, (reply, into) -> into.setPage(page(board, reply)),
                playerId, Integer.toString(count));
    }

    public BoardCall rank(BoardRef ref, String playerId) throws QueryException {
        checkPlayer(playerId);
        Resolved board = resolve(ref);
        return call(BoardScripts.RANKS, board, (reply, into) -> {
            LeaderboardPage page = page(board, reply);
            PlayerRank.Builder rank = into.getPlayerRankBuilder().setBoard(board.ref())
                    .setFound(page.getEntriesCount() == 1);
            if (page.getEntriesCount() == 1) {
                rank.setEntry(page.getEntries(0));
            }
        }, playerId);
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
        Resolved board = resolve(ref);
        if (unique.isEmpty()) {
            return BoardCall.command("ZCARD", new String[] {board.key()}, new String[0],
                    (reply, into) -> into.setPage(LeaderboardPage.newBuilder().setBoard(board.ref())
                            .setTotalEntries((Long) reply)));
        }
        return call(BoardScripts.RANKS, board, (reply, into) -> {
            LeaderboardPage page = page(board, reply);
            List<Entry> sorted = new ArrayList<>(page.getEntriesList());
            sorted.sort(Comparator.comparingLong(Entry::getRank));
            into.setPage(page.toBuilder().clearEntries().addAllEntries(sorted));
        }, unique.toArray(String[]::new));
    }

    /** KEYS: the board and its ratings hash (the board again without one); ARGV: with ratings (0/1), then {@code args}. */
    private static BoardCall call(LuaScript script, Resolved board, BoardCall.Reader reader,
                                  String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = board.withRatings() ? "1" : "0";
        System.arraycopy(args, 0, argv, 1, args.length);
        String[] keys = {board.key(), board.withRatings() ? board.ratingsKey() : board.key()};
        return BoardCall.script(script, keys, argv, reader);
    }

    /** Builds a page from a script reply {total, start, rows, ratings[, ranks]}. */
    private static LeaderboardPage page(Resolved board, Object replyValue) {
        List<?> reply = (List<?>) replyValue;
        long total = (Long) reply.get(0);
        long start = (Long) reply.get(1);
        List<?> rows = (List<?>) reply.get(2);
        List<?> ratings = (List<?>) reply.get(3);
        List<?> ranks = reply.size() > 4 ? (List<?>) reply.get(4) : null;
        LeaderboardPage.Builder page = LeaderboardPage.newBuilder().setBoard(board.ref()).setTotalEntries(total);
        for (int i = 0, row = 0; i + 1 < rows.size(); i += 2, row++) {
            double score = Double.parseDouble(text(rows.get(i + 1)));
            long rank = ranks != null ? (Long) ranks.get(row) + 1 : start + row + 1;
            Entry.Builder entry = Entry.newBuilder().setRank(rank).setPlayerId(text(rows.get(i)))
                    .setScore(ScoreCodec.value(score));
            if (row < ratings.size() && ratings.get(row) != null) {
                String[] muSigma = text(ratings.get(row)).split(" ");
                if (muSigma.length == 2) {
                    entry.setRating(Rating.newBuilder().setMu(Double.parseDouble(muSigma[0]))
                            .setSigma(Double.parseDouble(muSigma[1])));
                }
            }
            page.addEntries(entry);
        }
        return page.build();
    }

    private static void checkPlayer(String playerId) throws QueryException {
        if (playerId.isEmpty() || playerId.getBytes(StandardCharsets.UTF_8).length > MAX_PLAYER_ID_BYTES) {
            throw new QueryException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, "player id must be 1.." + MAX_PLAYER_ID_BYTES
                    + " bytes");
        }
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static String clip(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 64 ? printable : printable.substring(0, 64) + "...";
    }
}
