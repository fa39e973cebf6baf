package io.skirmish.ranking.board;

import java.util.List;

import io.skirmish.protocol.ranking.v1.PlayerRank;
import io.skirmish.protocol.ranking.v1.ServerMessage;

/** Rank: {@code ZCARD}, {@code ZSCORE}, {@code ZREVRANK} and, on a rating board, {@code HGET} of the rating, in one step. */
final class RankCall extends BoardCall {

    private final BoardQueries.Resolved board;
    private final String playerId;
    private PlayerRank rank;

    RankCall(BoardQueries.Resolved board, String playerId) {
        super("rank");
        this.board = board;
        this.playerId = playerId;
    }

    @Override
    public Step first() {
        String[] card = {"ZCARD", board.key()};
        String[] score = {"ZSCORE", board.key(), playerId};
        String[] position = {"ZREVRANK", board.key(), playerId};
        return board.withRatings() ? Step.of(card, score, position, new String[] {"HGET", board.ratingsKey(), playerId})
                : Step.of(card, score, position);
    }

    @Override
    public Step next(List<Object> replies) {
        Object score = replies.get(1);
        Object position = replies.get(2);
        PlayerRank.Builder answer = PlayerRank.newBuilder().setBoard(board.ref());
        if (score != null && position != null) {
            answer.setFound(true).setEntry(Rows.entry(Rows.integer(position), playerId, score,
                    board.withRatings() ? replies.get(3) : null));
        }
        rank = answer.build();
        answered(rank);
        return null;
    }

    @Override
    public void fill(ServerMessage.Builder into) {
        into.setPlayerRank(rank);
    }
}
