package io.skirmish.match.rules;

import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.MatchShape;

/**
 * The shapes of the matches a queue forms (the shared {@link MatchShape}: teams x players per
 * team) plus the queue's own rule: parties of 2 or 3 stay on one team, so FFA takes no parties.
 */
public enum QueueMode {
    /** One against one. */
    DUEL(MatchShape.DUEL),
    /** Three against three (two against two after a bounded wait: {@link LobbyFill}); parties stay on one team. */
    SQUAD(MatchShape.SQUAD),
    /** Up to eight players, each on their own team (at least two: {@link LobbyFill}); no parties. */
    FFA(MatchShape.FFA);

    private final MatchShape shape;

    QueueMode(MatchShape shape) {
        this.shape = shape;
    }

    public int teams() {
        return shape.teams();
    }

    public int playersPerTeam() {
        return shape.playersPerTeam();
    }

    public int players() {
        return shape.players();
    }

    /** Fewest players a match of this mode may start with (see {@link LobbyFill}). */
    public int minPlayers() {
        return shape.minPlayers();
    }

    /** Whether a match of this mode may have {@code count} players (team modes: even teams only). */
    public boolean admits(int count) {
        return shape.admits(count);
    }

    /** Players on each team of a match of {@code count} players (see {@link MatchShape#teamSize}). */
    public int teamSize(int count) {
        return shape.teamSize(count);
    }

    /** Largest party this mode accepts (a party never spans two teams). */
    public int maxPartySize() {
        return shape.playersPerTeam();
    }

    public GameMode wire() {
        return shape.wire();
    }

    /** The lower-case name used in keys, flags and events ({@code duel}). */
    public String wireName() {
        return shape.wireName();
    }

    /** Null for UNSPECIFIED or an unknown value, so the caller chooses its error. */
    public static QueueMode fromWire(GameMode mode) {
        return of(MatchShape.fromWire(mode));
    }

    /** Null when unknown. */
    public static QueueMode fromWireName(String name) {
        return of(MatchShape.fromWireName(name));
    }

    /** Each mode has its shape's name. */
    private static QueueMode of(MatchShape shape) {
        return shape == null ? null : valueOf(shape.name());
    }
}
