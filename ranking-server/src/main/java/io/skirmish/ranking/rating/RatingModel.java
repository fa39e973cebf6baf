package io.skirmish.ranking.rating;

import java.util.List;

/**
 * Updates the ratings of everyone in one match from its outcome. Implementations are pure
 * (no I/O, no state between calls), immutable and safe to call from any thread.
 */
public interface RatingModel {

    /**
     * The ratings after a match.
     *
     * @param teams the players' ratings before the match, one list per team (a free-for-all
     *              is teams of one); at least two teams, none empty
     * @param ranks each team's place, index for index with {@code teams}: lower is better,
     *              equal values are ties, only the order matters ({@code [1, 2]} and
     *              {@code [5, 9]} mean the same)
     * @return new ratings in the shape of {@code teams}, unmodifiable
     * @throws IllegalArgumentException naming the problem when the input is not a valid match
     */
    List<List<Rating>> rate(List<List<Rating>> teams, int[] ranks);

    /** As {@link #rate(List, int[])} with the teams listed in finishing order, no ties. */
    default List<List<Rating>> rate(List<List<Rating>> teams) {
        if (teams == null) {
            throw new IllegalArgumentException("teams must not be null");
        }
        int[] ranks = new int[teams.size()];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = i + 1;
        }
        return rate(teams, ranks);
    }

    RatingOptions options();

    /** The rating a new player starts with. */
    default Rating newRating() {
        return options().newRating();
    }
}
