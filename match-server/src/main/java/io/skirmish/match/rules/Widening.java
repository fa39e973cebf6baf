package io.skirmish.match.rules;

import java.util.Locale;

/**
 * A limit that widens with waiting time, up to a cap: {@code initial + perSecond * waitSeconds},
 * and, from {@code afterMs} of waiting on, {@code thenPerSecond} a second instead. Used for the
 * skill window (in rating points, mu) and for the round-trip-time limit to a region other than
 * the ticket's own (in ms).
 *
 * <p>Why two slopes: most tickets of a busy queue match within the first second, so a slow
 * first slope keeps those matches close in skill; a ticket still waiting after that is in a
 * small population (a quiet hour, a strong player far from the others), and a faster second
 * slope bounds its wait, against the nearest player there is, instead of letting it wait for
 * the slow slope to reach someone (8 mu away takes 5 s at 1 a second, 2 s with a second slope
 * of 6 from 1 s).
 *
 * <p>Written in configuration as {@code initial:perSecond:cap} (one slope, e.g. {@code 3:1:25})
 * or {@code initial:perSecond:cap:afterMs:thenPerSecond} (e.g. {@code 3:1:25:1000:6}).
 *
 * @param initial       the limit at wait 0
 * @param perSecond     how much it grows per second of waiting, until {@code afterMs}
 * @param cap           it never grows beyond this
 * @param afterMs       when the second slope starts ({@link Long#MAX_VALUE}: never)
 * @param thenPerSecond how much it grows per second of waiting after {@code afterMs}
 */
public record Widening(double initial, double perSecond, double cap, long afterMs, double thenPerSecond) {

    public Widening {
        if (!(initial >= 0) || !(perSecond >= 0) || !(cap >= initial) || Double.isInfinite(cap)
                || afterMs < 0 || !(thenPerSecond >= 0) || Double.isInfinite(thenPerSecond)) {
            throw new IllegalArgumentException("widening needs 0 <= initial <= cap (finite), perSecond >= 0, "
                    + "afterMs >= 0 and thenPerSecond >= 0: " + describe(initial, perSecond, cap, afterMs, thenPerSecond));
        }
    }

    /** One slope all the way to the cap. */
    public Widening(double initial, double perSecond, double cap) {
        this(initial, perSecond, cap, Long.MAX_VALUE, perSecond);
    }

    /** The limit after waiting {@code waitMs}. */
    public double at(long waitMs) {
        long wait = Math.max(0, waitMs);
        long firstMs = Math.min(wait, afterMs);
        double grown = initial + perSecond * firstMs / 1000.0 + thenPerSecond * (wait - firstMs) / 1000.0;
        return Math.min(cap, grown);
    }

    /**
     * Parses {@code initial:perSecond:cap} or {@code initial:perSecond:cap:afterMs:thenPerSecond};
     * throws IllegalArgumentException naming the text.
     */
    public static Widening parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 3 && parts.length != 5) {
            throw new IllegalArgumentException("expected initial:perSecond:cap or "
                    + "initial:perSecond:cap:afterMs:thenPerSecond, got '" + text + "'");
        }
        try {
            double initial = Double.parseDouble(parts[0]);
            double perSecond = Double.parseDouble(parts[1]);
            double cap = Double.parseDouble(parts[2]);
            return parts.length == 3 ? new Widening(initial, perSecond, cap)
                    : new Widening(initial, perSecond, cap, Long.parseLong(parts[3].trim()), Double.parseDouble(parts[4]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected numbers (afterMs in whole milliseconds) in '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return describe(initial, perSecond, cap, afterMs, thenPerSecond);
    }

    private static String describe(double initial, double perSecond, double cap, long afterMs, double thenPerSecond) {
        String oneSlope = String.format(Locale.ROOT, "%s:%s:%s", fmt(initial), fmt(perSecond), fmt(cap));
        return afterMs == Long.MAX_VALUE ? oneSlope : oneSlope + ":" + afterMs + ":" + fmt(thenPerSecond);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
