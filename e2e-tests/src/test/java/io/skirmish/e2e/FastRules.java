package io.skirmish.e2e;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test copy of the real rule files with every duration shortened, so an alert that waits
 * {@code for: 5m} on a {@code [1m]} rate fires within seconds against real processes: each
 * {@code for:} is divided by one factor and each range selector by another, never below a floor
 * (a few scrape intervals, so a rate still has samples). Everything else (expressions, thresholds,
 * labels, annotations) is the real file's, byte for byte.
 */
final class FastRules {

    private static final Pattern FOR = Pattern.compile("(for: )(\\d+)([smh])");
    private static final Pattern RANGE = Pattern.compile("\\[(\\d+)([smh])]");

    private final long forFactor;
    private final long rangeFactor;
    private final Duration floor;

    FastRules(long forFactor, long rangeFactor, Duration floor) {
        this.forFactor = forFactor;
        this.rangeFactor = rangeFactor;
        this.floor = floor;
    }

    String shorten(String rules) {
        Matcher forMatcher = FOR.matcher(rules);
        String shortened = forMatcher.replaceAll(m -> m.group(1) + scaled(m.group(2), m.group(3), forFactor));
        return RANGE.matcher(shortened).replaceAll(m -> "[" + scaled(m.group(1), m.group(2), rangeFactor) + "]");
    }

    private String scaled(String amount, String unit, long factor) {
        long seconds = Long.parseLong(amount) * switch (unit) {
            case "s" -> 1;
            case "m" -> 60;
            default -> 3600;
        };
        return Math.max(floor.toSeconds(), seconds / factor) + "s";
    }
}
