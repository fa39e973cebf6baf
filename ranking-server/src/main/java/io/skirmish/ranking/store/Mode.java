package io.skirmish.ranking.store;

import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.MatchShape;

/**
 * The game modes that are rated, each with its own rating and boards: one per shared
 * {@link MatchShape}, with its name.
 */
public enum Mode {
    DUEL(MatchShape.DUEL), SQUAD(MatchShape.SQUAD), FFA(MatchShape.FFA);

    private final MatchShape shape;

    Mode(MatchShape shape) {
        this.shape = shape;
    }

    /** The lower-case name used in keys, board names and metric tags. */
    public String keyName() {
        return shape.wireName();
    }

    /** {@code null} for a mode that is not rated (unspecified or unknown). */
    public static Mode fromWire(GameMode mode) {
        return of(MatchShape.fromWire(mode));
    }

    public static Mode fromKeyName(String name) {
        return of(MatchShape.fromWireName(name));
    }

    private static Mode of(MatchShape shape) {
        return shape == null ? null : valueOf(shape.name());
    }
}
