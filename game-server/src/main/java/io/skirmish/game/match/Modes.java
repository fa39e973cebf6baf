package io.skirmish.game.match;

import io.skirmish.game.world.EndReason;
import io.skirmish.game.world.MatchMode;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.MatchShape;

/** Maps the game's own enums to and from the wire's. */
public final class Modes {

    private Modes() {
    }

    /** Null for UNSPECIFIED or an unknown value, so the caller chooses its error. */
    public static MatchMode fromWire(GameMode mode) {
        return MatchMode.of(MatchShape.fromWire(mode));
    }

    public static GameMode toWire(MatchMode mode) {
        return mode.shape().wire();
    }

    public static io.skirmish.protocol.game.v1.EndReason toWire(EndReason reason) {
        return switch (reason) {
            case ELIMINATION -> io.skirmish.protocol.game.v1.EndReason.END_REASON_VICTORY;
            case TIME_LIMIT -> io.skirmish.protocol.game.v1.EndReason.END_REASON_TIME_LIMIT;
            case FORFEIT -> io.skirmish.protocol.game.v1.EndReason.END_REASON_FORFEIT;
            case ABORTED -> io.skirmish.protocol.game.v1.EndReason.END_REASON_ABORTED;
        };
    }
}
