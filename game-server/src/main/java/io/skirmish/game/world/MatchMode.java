package io.skirmish.game.world;

import java.util.Locale;

/**
 * The three ways a match is played. Team modes end by elimination (a dead player waits for
 * the next match); free-for-all respawns and is decided by kills when time runs out.
 */
public enum MatchMode {
    /** One against one, elimination. */
    DUEL(2, 1, false, 120),
    /** Three against three, elimination. */
    SQUAD(2, 3, false, 180),
    /** Eight players each on their own, respawn, most kills wins. */
    FFA(8, 1, true, 180);

    private final int teams;
    private final int playersPerTeam;
    private final boolean respawns;
    private final int timeLimitSeconds;

    MatchMode(int teams, int playersPerTeam, boolean respawns, int timeLimitSeconds) {
        this.teams = teams;
        this.playersPerTeam = playersPerTeam;
        this.respawns = respawns;
        this.timeLimitSeconds = timeLimitSeconds;
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

    public boolean respawns() {
        return respawns;
    }

    public int timeLimitSeconds() {
        return timeLimitSeconds;
    }

    /** The lower-case name used in configuration, queues and events ({@code duel}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; {@code null} when unknown, so callers choose their own error. */
    public static MatchMode fromWireName(String name) {
        for (MatchMode mode : values()) {
            if (mode.wireName().equals(name)) {
                return mode;
            }
        }
        return null;
    }
}
