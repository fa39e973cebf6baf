package io.skirmish.game.match;

import io.skirmish.game.world.EndReason;
import io.skirmish.game.world.MatchMode;
import io.skirmish.protocol.common.v1.GameMode;

/** Maps the game's own enums to and from the wire's. */
public final class Modes {

    private Modes() {
    }

    /** Null for UNSPECIFIED or an unknown value, so the caller chooses its error. */
    public static MatchMode fromWire(GameMode mode) {
        return switch (mode) {
            case GAME_MODE_DUEL -> MatchMode.DUEL;
            case GAME_MODE_SQUAD -> MatchMode.SQUAD;
            case GAME_MODE_FFA -> MatchMode.FFA;
            default -> null;
        };
    }

    public static GameMode toWire(MatchMode mode) {
        return switch (mode) {
            case DUEL -> GameMode.GAME_MODE_DUEL;
            case SQUAD -> GameMode.GAME_MODE_SQUAD;
            case FFA -> GameMode.GAME_MODE_FFA;
        };
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
