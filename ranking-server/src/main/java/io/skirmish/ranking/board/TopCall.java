package io.skirmish.ranking.board;

import java.util.Arrays;
import java.util.List;

import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.protocol.ranking.v1.ServerMessage;

/**
 * Top: {@code ZCARD} and {@code ZREVRANGE start stop WITHSCORES} in one step, then, on a rating
 * board, {@code HMGET} of the rows' ratings. When {@link TopPageMembers} knows the page's members,
 * their {@code HMGET} rides along in the first step and the second is needed only if the page
 * has changed since.
 */
final class TopCall extends BoardCall {

    private final BoardQueries.Resolved board;
    private final long start;
    private final long stop;
    private final TopPageMembers pages;
    private final String pageKey;
    private final String[] guess;
    private LeaderboardPage.Builder page;
    private List<?> rows;
    private LeaderboardPage answer;

    TopCall(BoardQueries.Resolved board, long start, long stop, TopPageMembers pages) {
        super("top");
        this.board = board;
        this.start = start;
        this.stop = stop;
        this.pages = pages;
        this.pageKey = board.withRatings() ? TopPageMembers.page(board.key(), start, stop) : null;
        this.guess = board.withRatings() ? pages.guess(pageKey) : null;
    }

    @Override
    public Step first() {
        String[] card = {"ZCARD", board.key()};
        String[] range = {"ZREVRANGE", board.key(), Long.toString(start), Long.toString(stop), "WITHSCORES"};
        if (guess == null) {
            return Step.of(card, range);
        }
        return new Step(List.of(card, range, BoardQueries.ratingsOf(board, guess)));
    }

    @Override
    public Step next(List<Object> replies) {
        if (page == null) {
            page = LeaderboardPage.newBuilder().setBoard(board.ref()).setTotalEntries(Rows.integer(replies.get(0)));
            rows = Rows.range(replies.get(1));
            if (!board.withRatings()) {
                Rows.addRange(page, start, rows, null);
                return done();
            }
            String[] members = Rows.members(rows);
            if (guess != null && Arrays.equals(members, guess)) {
                Rows.addRange(page, start, rows, (List<?>) replies.get(2));
                return done();
            }
            pages.remember(pageKey, members);
            if (rows.isEmpty()) {
                return done();
            }
            return Step.of(BoardQueries.ratingsOf(board, members));
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
