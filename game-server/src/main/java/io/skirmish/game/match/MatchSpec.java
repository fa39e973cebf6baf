package io.skirmish.game.match;

import java.util.List;

import io.skirmish.game.world.MatchMode;

/**
 * A match as allocated by the match-server: who plays, on which team, in which mode. Player
 * {@code i} of {@link #playerIds()} plays in world slot {@code i}; the allocation orders
 * players team by team, so slot {@code i} is on team {@code i / playersPerTeam} (0-based here,
 * 1-based on the wire: see {@link #wireTeamOf}).
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
        if (playerIds.size() != mode.players()) {
            throw new IllegalArgumentException("match " + matchId + " in mode " + mode.wireName() + " needs "
                    + mode.players() + " players, got " + playerIds.size());
        }
        if (playerIds.stream().distinct().count() != playerIds.size()) {
            throw new IllegalArgumentException("match " + matchId + " lists a player twice");
        }
    }

    /** The slot of {@code playerId}, or -1 if the player is not in this match. */
    public int slotOf(String playerId) {
        return playerIds.indexOf(playerId);
    }

    /** The slot's team, 0-based as the world counts. */
    public int teamOf(int slot) {
        return mode.respawns() ? slot : slot / mode.playersPerTeam();
    }

    /** The slot's team as the wire and the events carry it: 1-based, so 0 can mean "none". */
    public int wireTeamOf(int slot) {
        return teamOf(slot) + 1;
    }
}
