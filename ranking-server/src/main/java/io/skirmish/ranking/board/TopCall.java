package io.skirmish.ranking.board;

import java.util.List;

import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.protocol.ranking.v1.ServerMessage;

/**
 * Top: {@code ZCARD} and {@code ZREVRANGE start stop WITHSCORES} in one step, then, on a rating
 * board, {@code HMGET} of the rows' ratings.
 */
final class TopCall extends BoardCall {

    private final BoardQueries.Resolved board;
    private final long start;
    private final long stop;
    private LeaderboardPage.Builder page;
    private List<?> rows;

    TopCall(BoardQueries.Resolved board, long start, long stop) {
        super("top");
        this.board = board;
        this.start = start;
        this.stop = stop;
    }

    @Override
    public Step first() {
        return Step.of(new String[] {"ZCARD", board.key()},
                new String[] {"ZREVRANGE", board.key(), Long.toString(start), Long.toString(stop), "WITHSCORES"});
    }

    @Override
    public Step next(List<Object> replies) {
        if (page == null) {
            page = LeaderboardPage.newBuilder().setBoard(board.ref()).setTotalEntries(Rows.integer(replies.get(0)));
            rows = Rows.range(replies.get(1));
            if (board.withRatings() && !rows.isEmpty()) {
                return BoardQueries.ratingsOf(board, Rows.members(rows));
            }
            Rows.addRange(page, start, rows, null);
            return null;
        }
        Rows.addRange(page, start, rows, (List<?>) replies.get(0));
        return null;
    }

    @Override
    public void fill(ServerMessage.Builder into) {
        into.setPage(page);
    }
}
