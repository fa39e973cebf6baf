package io.skirmish.ranking.board;

import io.skirmish.protocol.ranking.v1.Period;

/** The time span of a board, as it appears in keys ({@link #keyName()}) and on the wire. */
public enum BoardPeriod {
    SEASON("season"),
    DAILY("daily"),
    WEEKLY("weekly");

    private final String keyName;

    BoardPeriod(String keyName) {
        this.keyName = keyName;
    }

    public String keyName() {
        return keyName;
    }

    /** {@code null} for a period this server keeps no board for ({@code PERIOD_ALL_TIME}). */
    public static BoardPeriod fromWire(Period period) {
        return switch (period) {
            case PERIOD_UNSPECIFIED, PERIOD_SEASON -> SEASON;
            case PERIOD_DAILY -> DAILY;
            case PERIOD_WEEKLY -> WEEKLY;
            default -> null;
        };
    }

    public Period toWire() {
        return switch (this) {
            case SEASON -> Period.PERIOD_SEASON;
            case DAILY -> Period.PERIOD_DAILY;
            case WEEKLY -> Period.PERIOD_WEEKLY;
        };
    }
}
