package io.skirmish.match.rules;

import java.util.Locale;

/**
 * A limit that widens with waiting time: {@code min(cap, initial + perSecond * waitSeconds)}.
 * Used for the skill window (in rating points, mu) and for the round-trip-time limit to a
 * region other than the ticket's own (in ms). Written in configuration as
 * {@code initial:perSecond:cap}, e.g. {@code 3:1:25}.
 *
 * @param initial   the limit at wait 0
 * @param perSecond how much it grows per second of waiting
 * @param cap       it never grows beyond this
 */
public record Widening(double initial, double perSecond, double cap) {

    public Widening {
        if (!(initial >= 0) || !(perSecond >= 0) || !(cap >= initial) || Double.isInfinite(cap)) {
            throw new IllegalArgumentException("widening needs 0 <= initial <= cap (finite) and perSecond >= 0: "
                    + initial + ":" + perSecond + ":" + cap);
        }
    }

    /** The limit after waiting {@code waitMs}. */
    public double at(long waitMs) {
        double grown = initial + perSecond * Math.max(0, waitMs) / 1000.0;
        return Math.min(cap, grown);
    }

    /** Parses {@code initial:perSecond:cap}; throws IllegalArgumentException naming the text. */
    public static Widening parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected initial:perSecond:cap, got '" + text + "'");
        }
        try {
            return new Widening(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                    Double.parseDouble(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected numbers in initial:perSecond:cap, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s:%s:%s", fmt(initial), fmt(perSecond), fmt(cap));
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
