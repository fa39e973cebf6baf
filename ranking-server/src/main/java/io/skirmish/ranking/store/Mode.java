package io.skirmish.ranking.store;

import io.skirmish.protocol.common.v1.GameMode;

/** The game modes that are rated, each with its own rating and boards. */
public enum Mode {
    DUEL("duel"), SQUAD("squad"), FFA("ffa");

    private final String keyName;

    Mode(String keyName) {
        this.keyName = keyName;
    }

    /** The lower-case name used in keys, board names and metric tags. */
    public String keyName() {
        return keyName;
    }

    /** {@code null} for a mode that is not rated (unspecified or unknown). */
    public static Mode fromWire(GameMode mode) {
        return switch (mode) {
            case GAME_MODE_DUEL -> DUEL;
            case GAME_MODE_SQUAD -> SQUAD;
            case GAME_MODE_FFA -> FFA;
            default -> null;
        };
    }

    public static Mode fromKeyName(String name) {
        for (Mode mode : values()) {
            if (mode.keyName.equals(name)) {
                return mode;
            }
        }
        return null;
    }
}
