package io.skirmish.ranking.ingest;

import java.util.List;

import io.skirmish.ranking.store.Mode;

/**
 * A validated result, ready to rate: teams in the order of their wire team number, each with
 * its placement (lower is better, equal = tie). Immutable.
 *
 * @param matchId   the idempotency key
 * @param mode      the rated mode
 * @param endedAtMs when the match ended: decides the daily/weekly boards and the tie-break time
 * @param teams     at least two, none empty
 */
public record RatedMatch(String matchId, Mode mode, long endedAtMs, List<Team> teams) {

    public RatedMatch {
        teams = List.copyOf(teams);
    }

    /** One side of the match. */
    public record Team(int wireTeam, int placement, List<Player> players) {
        public Team {
            players = List.copyOf(players);
        }
    }

    /** What the boards need from one player's result. */
    public record Player(String playerId, Outcome outcome, int kills) {
    }

    /** The player's match outcome; the names are the counter fields of the rating hash. */
    public enum Outcome {
        WIN("wins"), LOSS("losses"), DRAW("draws");

        private final String field;

        Outcome(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public int playerCount() {
        int count = 0;
        for (Team team : teams) {
            count += team.players().size();
        }
        return count;
    }

    /** The team placements, the ranks the rating model takes. */
    public int[] ranks() {
        int[] ranks = new int[teams.size()];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = teams.get(i).placement();
        }
        return ranks;
    }
}
