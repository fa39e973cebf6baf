package io.skirmish.game.match;

import java.util.List;

import io.skirmish.game.world.MatchMode;

/**
 * A match as allocated by the match-server: who plays, on which team, in which mode. Player
 * {@code i} of {@link #playerIds()} plays in world slot {@code i}; the allocation orders
 * players team by team, so slot {@code i} is on team {@code i / teamSize} (0-based here,
 * 1-based on the wire: see {@link #wireTeamOf}). A lobby that could not fill has fewer players
 * than its mode's maximum (at least {@code MatchShape#minPlayers}; a squad 2v2, never uneven):
 * the world then has one slot per player it was given ({@link #players()}) and the teams are
 * {@code MatchShape#teamSize} players each.
 * Immutable, shared freely between threads.
 */
public record MatchSpec(String matchId, MatchMode mode, String region, List<String> playerIds,
                        double quality, long allocatedAtMs) {

    public MatchSpec {
        if (matchId == null || matchId.isBlank()) {
            throw new IllegalArgumentException("match id is empty");
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode is missing for match " + matchId);
        }
        playerIds = List.copyOf(playerIds);
        if (!mode.shape().admits(playerIds.size())) {
            throw new IllegalArgumentException("match " + matchId + " in mode " + mode.wireName() + " needs "
                    + (mode.shape().minPlayers() == mode.players() ? "" : mode.shape().minPlayers() + " to ")
                    + mode.players() + " players" + (mode.playersPerTeam() > 1 ? " on even teams" : "")
                    + ", got " + playerIds.size());
        }
        if (playerIds.stream().distinct().count() != playerIds.size()) {
            throw new IllegalArgumentException("match " + matchId + " lists a player twice");
        }
    }

    /** Players (and world slots) of this match: the mode's maximum, or fewer for a short lobby. */
    public int players() {
        return playerIds.size();
    }

    /** The slot of {@code playerId}, or -1 if the player is not in this match. */
    public int slotOf(String playerId) {
        return playerIds.indexOf(playerId);
    }

    /** The slot's team, 0-based as the world counts. */
    public int teamOf(int slot) {
        return mode.shape().teamOf(slot, players());
    }

    /** The slot's team as the wire and the events carry it: 1-based, so 0 can mean "none". */
    public int wireTeamOf(int slot) {
        return teamOf(slot) + 1;
    }
}
