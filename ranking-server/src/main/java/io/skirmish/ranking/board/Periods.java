package io.skirmish.ranking.board;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Period keys of the daily and weekly boards, in UTC. A result belongs to the period that
 * contains its match's end time, so a board rolls over at exactly 00:00:00.000 UTC (Monday for
 * weeks) with no gap and no job: the next result simply writes the next key.
 *
 * <ul>
 *   <li>daily: {@code yyyy-MM-dd}, e.g. {@code 2026-11-25};</li>
 *   <li>weekly: ISO-8601 week {@code YYYY-Www}, e.g. {@code 2026-W48} (weeks start on Monday;
 *       the week-based year, so 2027-01-01 is in {@code 2026-W53}).</li>
 * </ul>
 * Pure and thread-safe.
 */
public final class Periods {

    private static final Pattern DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

    private Periods() {
    }

    public static String dailyKey(long epochMs) {
        return day(epochMs).toString();
    }

    public static String weeklyKey(long epochMs) {
        LocalDate day = day(epochMs);
        return String.format("%04d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static String key(BoardPeriod period, long epochMs) {
        return switch (period) {
            case DAILY -> dailyKey(epochMs);
            case WEEKLY -> weeklyKey(epochMs);
            case SEASON -> throw new IllegalArgumentException("a season key comes from the season catalogue");
        };
    }

    /** The first instant after the day or week {@code key} names (epoch ms). */
    public static long endMs(BoardPeriod period, String key) {
        LocalDate start = start(period, key);
        LocalDate next = period == BoardPeriod.DAILY ? start.plusDays(1) : start.plusWeeks(1);
        return next.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The first day of the period {@code key} names; throws {@link IllegalArgumentException} for a malformed key. */
    public static LocalDate start(BoardPeriod period, String key) {
        if (period == BoardPeriod.DAILY) {
            Matcher m = DAY.matcher(key);
            if (!m.matches()) {
                throw new IllegalArgumentException("daily period key '" + key + "' is not yyyy-MM-dd");
            }
            try {
                return LocalDate.parse(key);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("daily period key '" + key + "' is not a date");
            }
        }
        if (period == BoardPeriod.WEEKLY) {
            Matcher m = WEEK.matcher(key);
            if (!m.matches()) {
                throw new IllegalArgumentException("weekly period key '" + key + "' is not YYYY-Www");
            }
            int year = Integer.parseInt(m.group(1));
            int week = Integer.parseInt(m.group(2));
            LocalDate mid = LocalDate.of(year, 6, 1);
            if (week < 1 || week > mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                throw new IllegalArgumentException("weekly period key '" + key + "' has no week " + week);
            }
            return mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
        throw new IllegalArgumentException("period " + period + " has no calendar key");
    }

    private static LocalDate day(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
