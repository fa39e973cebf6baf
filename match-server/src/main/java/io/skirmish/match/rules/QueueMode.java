package io.skirmish.match.rules;

import io.skirmish.protocol.common.v1.GameMode;

import java.util.Locale;

/** The shapes of the matches a queue forms: teams x players per team. */
public enum QueueMode {
    /** One against one. */
    DUEL(2, 1, GameMode.GAME_MODE_DUEL),
    /** Three against three; parties of 2 or 3 stay on one team. */
    SQUAD(2, 3, GameMode.GAME_MODE_SQUAD),
    /** Eight players, each on their own team; no parties. */
    FFA(8, 1, GameMode.GAME_MODE_FFA);

    private final int teams;
    private final int playersPerTeam;
    private final GameMode wire;

    QueueMode(int teams, int playersPerTeam, GameMode wire) {
        this.teams = teams;
        this.playersPerTeam = playersPerTeam;
        this.wire = wire;
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

    /** Largest party this mode accepts (a party never spans two teams). */
    public int maxPartySize() {
        return playersPerTeam;
    }

    public GameMode wire() {
        return wire;
    }

    /** The lower-case name used in keys, flags and events ({@code duel}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for UNSPECIFIED or an unknown value, so the caller chooses its error. */
    public static QueueMode fromWire(GameMode mode) {
        for (QueueMode value : values()) {
            if (value.wire == mode) {
                return value;
            }
        }
        return null;
    }

    /** Null when unknown. */
    public static QueueMode fromWireName(String name) {
        for (QueueMode value : values()) {
            if (value.wireName().equals(name)) {
                return value;
            }
        }
        return null;
    }
}
