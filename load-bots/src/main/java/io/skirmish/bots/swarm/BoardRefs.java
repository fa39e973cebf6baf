package io.skirmish.bots.swarm;

import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.Period;

/** Board references the bots use. */
final class BoardRefs {

    private BoardRefs() {
    }

    /** {@code board} of the running season. */
    static BoardRef season(String board) {
        return BoardRef.newBuilder().setBoard(board).setPeriod(Period.PERIOD_SEASON).build();
    }
}
