package io.skirmish.ranking.board;

import java.util.Locale;

import io.skirmish.ranking.store.Mode;

/**
 * A board's name as clients write it: {@code <mode>} for the rating board of a mode
 * ({@code duel}, {@code squad}, {@code ffa}), {@code <mode>.<stat>} for a counting board
 * ({@code duel.wins}, {@code ffa.kills}).
 */
public record BoardName(Mode mode, Stat stat) {

    public static final int MAX_LENGTH = 64;

    /** What a board counts. {@link #RATING} boards exist per season only. */
    public enum Stat {
        RATING(""), WINS("wins"), KILLS("kills");

        private final String suffix;

        Stat(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    /** {@code null} when the text names no board. */
    public static BoardName parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        int dot = text.indexOf('.');
        Mode mode = Mode.fromKeyName(dot < 0 ? text : text.substring(0, dot));
        if (mode == null) {
            return null;
        }
        if (dot < 0) {
            return new BoardName(mode, Stat.RATING);
        }
        String suffix = text.substring(dot + 1);
        for (Stat stat : Stat.values()) {
            if (stat != Stat.RATING && stat.suffix.equals(suffix)) {
                return new BoardName(mode, stat);
            }
        }
        return null;
    }

    public boolean supports(BoardPeriod period) {
        return stat != Stat.RATING || period == BoardPeriod.SEASON;
    }

    /** The name in keys and on the wire. */
    public String text() {
        return stat == Stat.RATING ? mode.keyName() : mode.keyName() + "." + stat.suffix;
    }

    @Override
    public String toString() {
        return text().toLowerCase(Locale.ROOT);
    }
}
