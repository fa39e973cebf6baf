package io.skirmish.ranking.store;

import java.util.List;

/**
 * What Redis held for one result when it was read: the commit record if the match was applied
 * already, the running season, and each player's stored rating (in the result's player order).
 *
 * @param marker        the applied marker ({@code <seq>|<payload>}), empty when not applied
 * @param currentSeason the running season id, empty when no season was started
 */
public record MatchSnapshot(String marker, String currentSeason, List<PlayerState> players) {

    public MatchSnapshot {
        players = List.copyOf(players);
    }

    public boolean applied() {
        return !marker.isEmpty();
    }

    /**
     * A player's stored rating as raw strings, all empty for a player never rated in the mode.
     *
     * @param version the token of the attempt that wrote it (compare-and-set)
     */
    public record PlayerState(String mu, String sigma, String season, String version) {

        public static final PlayerState ABSENT = new PlayerState("", "", "", "");

        public boolean exists() {
            return !mu.isEmpty();
        }
    }
}
