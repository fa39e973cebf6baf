package io.skirmish.logship.sink;

import java.time.Instant;
import java.time.ZoneOffset;
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

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private DailyIndex() {
    }

    public static String name(String prefix, Instant timestamp) {
        return prefix + "-" + DAY.format(timestamp);
    }

    /** The pattern every daily index of {@code prefix} matches, for the template, searches and Kibana. */
    public static String pattern(String prefix) {
        return prefix + "-*";
    }
}
