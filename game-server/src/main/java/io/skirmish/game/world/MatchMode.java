package io.skirmish.game.world;

import io.skirmish.protocol.game.MatchShape;

/**
 * The three ways a match is played: the shared {@link MatchShape} (teams x players) plus the
 * game's own rules. Team modes end by elimination (a dead player waits for the next match);
 * free-for-all respawns and is decided by kills when time runs out.
 */
public enum MatchMode {
    /** One against one, elimination. */
    DUEL(MatchShape.DUEL, false, 120),
    /** Three against three, elimination. */
    SQUAD(MatchShape.SQUAD, false, 180),
    /** Eight players each on their own, respawn, most kills wins. */
    FFA(MatchShape.FFA, true, 180);

    private final MatchShape shape;
    private final boolean respawns;
    private final int timeLimitSeconds;

    MatchMode(MatchShape shape, boolean respawns, int timeLimitSeconds) {
        this.shape = shape;
        this.respawns = respawns;
        this.timeLimitSeconds = timeLimitSeconds;
    }

    public MatchShape shape() {
        return shape;
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

    public boolean respawns() {
        return respawns;
    }

    public int timeLimitSeconds() {
        return timeLimitSeconds;
    }

    /** The lower-case name used in configuration, queues and events ({@code duel}). */
    public String wireName() {
        return shape.wireName();
    }

    /** The mode of {@code shape} (each mode has its shape's name); {@code null} for {@code null}. */
    public static MatchMode of(MatchShape shape) {
        return shape == null ? null : valueOf(shape.name());
    }

    /** Parses a wire name; {@code null} when unknown, so callers choose their own error. */
    public static MatchMode fromWireName(String name) {
        return of(MatchShape.fromWireName(name));
    }
}
