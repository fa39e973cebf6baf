package io.skirmish.match.net;

import java.util.Locale;

/**
 * A request rate, per connection ({@link RequestBudget}) or per key ({@link KeyedRateLimiter}), written in
 * configuration as {@code perSecond:burst} (e.g. {@code 20:40}) or {@code off}.
 *
 * @param perPlayerPerSecond sustained requests per second
 * @param burstPerPlayer     requests that may come at once
 */
public record RequestLimit(double perPlayerPerSecond, double burstPerPlayer) {

    /** No limit (configured as {@code off}). */
    public static final RequestLimit OFF = new RequestLimit(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    public RequestLimit {
        if (!(perPlayerPerSecond > 0) || !(burstPerPlayer >= 1)) {
            throw new IllegalArgumentException("a request limit needs perSecond > 0 and burst >= 1: "
                    + perPlayerPerSecond + ":" + burstPerPlayer);
        }
    }

    public boolean enabled() {
        return !Double.isInfinite(perPlayerPerSecond);
    }

    /** Parses {@code perSecond:burst} or {@code off}; throws IllegalArgumentException naming the text. */
    public static RequestLimit parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("off")) {
            return OFF;
        }
        String[] parts = value.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected perSecond:burst (e.g. 20:40) or off, got '" + text + "'");
        }
        try {
            return new RequestLimit(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected numbers in perSecond:burst, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return enabled() ? String.format(Locale.ROOT, "%s:%s", perPlayerPerSecond, burstPerPlayer) : "off";
    }
}
