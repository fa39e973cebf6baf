package io.skirmish.ranking.board;

import java.util.List;

import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.protocol.ranking.v1.ServerMessage;

/**
 * Around: {@code ZREVRANK} of the player and {@code ZCARD}; then {@code ZREVRANGE} of the
 * window around that rank; then, on a rating board, {@code HMGET} of the rows' ratings. A player
 * without an entry gets an empty page after the first step.
 */
final class AroundCall extends BoardCall {

    private final BoardQueries.Resolved board;
    private final String playerId;
    private final int count;
    private LeaderboardPage.Builder page;
    private LeaderboardPage answer;
    private long start = -1;
    private List<?> rows;

    AroundCall(BoardQueries.Resolved board, String playerId, int count) {
        super("around");
        this.board = board;
        this.playerId = playerId;
        this.count = count;
    }

    @Override
    public Step first() {
        return Step.of(new String[] {"ZREVRANK", board.key(), playerId}, new String[] {"ZCARD", board.key()});
    }

    @Override
    public Step next(List<Object> replies) {
        if (page == null) {
            page = LeaderboardPage.newBuilder().setBoard(board.ref()).setTotalEntries(Rows.integer(replies.get(1)));
            if (replies.get(0) == null) {
                return done();
            }
            long rank = Rows.integer(replies.get(0));
            start = Math.max(0, rank - count);
            return Step.of(new String[] {"ZREVRANGE", board.key(), Long.toString(start), Long.toString(rank + count),
                "WITHSCORES"});
        }
        if (rows == null) {
            rows = Rows.range(replies.get(0));
            if (board.withRatings() && !rows.isEmpty()) {
                return Step.of(BoardQueries.ratingsOf(board, Rows.members(rows)));
            }
            Rows.addRange(page, start, rows, null);
            return done();
        }
        Rows.addRange(page, start, rows, (List<?>) replies.get(0));
        return done();
    }

    private Step done() {
        answer = page.build();
        answered(answer);
        return null;
    }

    @Override
    public void fill(ServerMessage.Builder into) {
        into.setPage(answer);
    }
}
