package io.skirmish.protocol.game;

import java.util.Locale;

import io.skirmish.protocol.common.v1.GameMode;

/**
 * The one table of game modes every service shares: how many teams of how many players, and the
 * mode's names on the wire. The match-server forms matches of these shapes, the game-server plays
 * them and the ranking-server rates them, so a mode's shape cannot differ between them. What each
 * service adds to a mode (time limits, respawns, party sizes) stays in that service.
 *
 * <p>{@link #minPlayers()}: a match of a mode whose players are each a team of their own (FFA)
 * may start short of {@link #players()} when its lobby cannot fill (the match-server decides
 * when, the game-server accepts it); team modes always start full, since a missing player
 * would leave one team short.
 */
public enum MatchShape {
    /** One against one. */
    DUEL(2, 1, 2, GameMode.GAME_MODE_DUEL),
    /** Three against three. */
    SQUAD(2, 3, 6, GameMode.GAME_MODE_SQUAD),
    /** Up to eight players, each on a team of their own; at least two. */
    FFA(8, 1, 2, GameMode.GAME_MODE_FFA);

    private final int teams;
    private final int playersPerTeam;
    private final int minPlayers;
    private final GameMode wire;
    private final String wireName;

    MatchShape(int teams, int playersPerTeam, int minPlayers, GameMode wire) {
        this.teams = teams;
        this.playersPerTeam = playersPerTeam;
        this.minPlayers = minPlayers;
        this.wire = wire;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    public int teams() {
        return teams;
    }

    public int playersPerTeam() {
        return playersPerTeam;
    }

    public int players() {
        return teams * playersPerTeam;
    }

    /** Fewest players a match of this shape may start with ({@link #players()} for team modes). */
    public int minPlayers() {
        return minPlayers;
    }

    /** Whether a match of this shape may have {@code count} players. */
    public boolean admits(int count) {
        return count >= minPlayers && count <= players();
    }

    public GameMode wire() {
        return wire;
    }

    /** The lower-case name used in keys, flags, board names and events ({@code duel}). */
    public String wireName() {
        return wireName;
    }

    /** Null for UNSPECIFIED or an unknown value, so the caller chooses its error. */
    public static MatchShape fromWire(GameMode mode) {
        for (MatchShape shape : values()) {
            if (shape.wire == mode) {
                return shape;
            }
        }
        return null;
    }

    /** Null when unknown, so the caller chooses its error. */
    public static MatchShape fromWireName(String name) {
        for (MatchShape shape : values()) {
            if (shape.wireName.equals(name)) {
                return shape;
            }
        }
        return null;
    }
}
