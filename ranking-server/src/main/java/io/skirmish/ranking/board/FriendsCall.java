package io.skirmish.ranking.board;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.skirmish.protocol.ranking.v1.Entry;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.protocol.ranking.v1.ServerMessage;

/**
 * Friends: {@code ZCARD}, {@code ZMSCORE} of all ids, {@code ZREVRANK} of each and, on a rating
 * board, {@code HMGET} of their ratings, all in one step; rows of the ids with an entry, best first.
 */
final class FriendsCall extends BoardCall {

    private final BoardQueries.Resolved board;
    private final String[] playerIds;
    private LeaderboardPage page;

    FriendsCall(BoardQueries.Resolved board, String[] playerIds) {
        super("friends");
        this.board = board;
        this.playerIds = playerIds;
    }

    @Override
    public Step first() {
        List<String[]> commands = new ArrayList<>(playerIds.length + 3);
        commands.add(new String[] {"ZCARD", board.key()});
        if (playerIds.length > 0) {
            commands.add(withIds("ZMSCORE", board.key()));
            for (String id : playerIds) {
                commands.add(new String[] {"ZREVRANK", board.key(), id});
            }
            if (board.withRatings()) {
                commands.add(withIds("HMGET", board.ratingsKey()));
            }
        }
        return new Step(commands);
    }

    @Override
    public Step next(List<Object> replies) {
        LeaderboardPage.Builder answer = LeaderboardPage.newBuilder().setBoard(board.ref())
                .setTotalEntries(Rows.integer(replies.get(0)));
        if (playerIds.length > 0) {
            List<?> scores = (List<?>) replies.get(1);
            List<?> ratings = board.withRatings() ? (List<?>) replies.get(2 + playerIds.length) : null;
            List<Entry> rows = new ArrayList<>();
            for (int i = 0; i < playerIds.length; i++) {
                Object position = replies.get(2 + i);
                if (scores.get(i) != null && position != null) {
                    rows.add(Rows.entry(Rows.integer(position), playerIds[i], scores.get(i),
                            ratings != null ? ratings.get(i) : null));
                }
            }
            rows.sort(Comparator.comparingLong(Entry::getRank));
            answer.addAllEntries(rows);
        }
        page = answer.build();
        return null;
    }

    @Override
    public void fill(ServerMessage.Builder into) {
        into.setPage(page);
    }

    private String[] withIds(String command, String key) {
        String[] parts = new String[playerIds.length + 2];
        parts[0] = command;
        parts[1] = key;
        System.arraycopy(playerIds, 0, parts, 2, playerIds.length);
        return parts;
    }
}
