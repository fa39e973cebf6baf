package io.skirmish.logship.sink;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The UTC day of an event's {@code @timestamp}, which is all the daily index needs.
 *
 * <p>Why not only {@code OffsetDateTime.parse}: it was a third of the shipper loop's CPU. The shape
 * every Skirmish producer writes ({@code 2026-11-25T10:00:00.123Z}: seconds, an optional fraction,
 * {@code Z}) is read by hand here; anything else (an offset, no seconds, a lower-case letter, a
 * value out of range) goes to the ISO parsers, so the answer is the same as theirs for every input.
 * Stateless and thread-safe.
 */
final class UtcDays {

    /** Returned for text that is no ISO-8601 date-time. */
    static final long UNREADABLE = Long.MIN_VALUE;

    private static final long MS_PER_DAY = 86_400_000L;

    private UtcDays() {
    }

    static long ofEpochMillis(long epochMs) {
        return Math.floorDiv(epochMs, MS_PER_DAY);
    }

    /** ISO-8601 with an offset, or without (read as UTC, as Elasticsearch does); {@link #UNREADABLE} otherwise. */
    static long of(String text) {
        long day = utcDayFastPath(text);
        return day != UNREADABLE ? day : viaIsoParsers(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} only; {@link #UNREADABLE} for anything else, valid or not. */
    private static long utcDayFastPath(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return UNREADABLE;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return UNREADABLE;
        }
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9 || digits(text, 20, length - 1) < 0) {
                return UNREADABLE;
            }
        }
        try {
            return LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return UNREADABLE;
        }
    }

    /** Non-negative value of the ASCII digits in {@code [from, to)}, or -1 if any is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Every shape the ISO parsers read, with or without an offset (the test's reference, too). */
    static long viaIsoParsers(String text) {
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(ZoneOffset.UTC).toLocalDate().toEpochDay();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toLocalDate().toEpochDay();
            } catch (DateTimeParseException again) {
                return UNREADABLE;
            }
        }
    }
}
