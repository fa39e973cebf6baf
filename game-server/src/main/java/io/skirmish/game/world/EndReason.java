package io.skirmish.game.world;

import java.util.Locale;

/** Why a match ended. */
public enum EndReason {
    /** Every player of all but one team is dead (team modes). */
    ELIMINATION,
    /** The time limit was reached. */
    TIME_LIMIT,
    /** All but one side left for good or never arrived. */
    FORFEIT,
    /** The server stopped the match (shutdown past the drain deadline). */
    ABORTED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
