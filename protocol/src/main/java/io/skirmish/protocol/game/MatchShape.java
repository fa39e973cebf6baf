package io.skirmish.protocol.game;

import java.util.Locale;

import io.skirmish.protocol.common.v1.GameMode;

/**
 * The one table of game modes every service shares: how many teams of how many players, and the
 * mode's names on the wire. The match-server forms matches of these shapes, the game-server plays
 * them and the ranking-server rates them, so a mode's shape cannot differ between them. What each
 * service adds to a mode (time limits, respawns, party sizes) stays in that service.
 *
 * <p>{@link #minPlayers()}: a match may start short of {@link #players()} when its lobby cannot
 * fill (the match-server decides when, the game-server accepts it). A mode whose players are each
 * a team of their own (FFA) loses players one by one; a team mode loses one player from every
 * team at once, so its teams stay even (a squad plays 2v2 from 4 players, never 3v2). A duel
 * cannot lose anyone. The players of a short team match are still ordered team by team, now
 * {@link #teamSize(int)} to a team ({@link #teamOf(int, int)}).
 */
public enum MatchShape {
    /** One against one. */
    DUEL(2, 1, 2, GameMode.GAME_MODE_DUEL),
    /** Three against three; two against two when its lobby cannot fill. */
    SQUAD(2, 3, 4, GameMode.GAME_MODE_SQUAD),
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

    /** Fewest players a match of this shape may start with. */
    public int minPlayers() {
        return minPlayers;
    }

    /**
     * Whether a match of this shape may have {@code count} players: between {@link #minPlayers()}
     * and {@link #players()}, and, in a team mode, the same number on every team.
     */
    public boolean admits(int count) {
        return count >= minPlayers && count <= players() && (playersPerTeam == 1 || count % teams == 0);
    }

    /**
     * Players on each team of a match of {@code count} players: {@link #playersPerTeam()} in a
     * full match, fewer in a short team match; always 1 when each player is a team of their own.
     */
    public int teamSize(int count) {
        if (!admits(count)) {
            throw new IllegalArgumentException(wireName + " cannot be played by " + count + " players");
        }
        return playersPerTeam == 1 ? 1 : count / teams;
    }

    /** The 0-based team of slot {@code slot} in a match of {@code count} players (ordered team by team). */
    public int teamOf(int slot, int count) {
        if (slot < 0 || slot >= count) {
            throw new IllegalArgumentException("slot " + slot + " is outside a match of " + count + " players");
        }
        return slot / teamSize(count);
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
