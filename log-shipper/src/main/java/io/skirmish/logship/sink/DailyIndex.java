package io.skirmish.logship.sink;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Names the index of an event from its own {@code @timestamp}: {@code <prefix>-yyyy.MM.dd} (UTC).
 *
 * <p>Why dated indices and not a data stream: the event id is unique only within one index. A
 * data stream writes to its current backing index, so an event re-sent after a rollover could be
 * indexed twice. Here the index is a pure function of the event, so a re-sent event always meets
 * its first copy and {@code create} answers 409.
 */
public final class DailyIndex {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private DailyIndex() {
    }

    /**
     * {@code epochDay}: days since 1970-01-01 (UTC). Four-digit years are formatted by hand (this
     * runs once per document); others keep the formatter's spelling.
     */
    public static String name(String prefix, long epochDay) {
        LocalDate day = LocalDate.ofEpochDay(epochDay);
        int year = day.getYear();
        if (year < 1000 || year > 9999) {
            return prefix + "-" + DAY.format(day);
        }
        StringBuilder name = new StringBuilder(prefix.length() + 11).append(prefix).append('-');
        name.append(year).append('.');
        twoDigits(name, day.getMonthValue()).append('.');
        return twoDigits(name, day.getDayOfMonth()).toString();
    }

    private static StringBuilder twoDigits(StringBuilder to, int value) {
        return to.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** The pattern every daily index of {@code prefix} matches, for the template, searches and Kibana. */
    public static String pattern(String prefix) {
        return prefix + "-*";
    }
}
