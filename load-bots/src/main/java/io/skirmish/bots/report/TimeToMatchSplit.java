package io.skirmish.bots.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Time to match kept apart by kind of ticket: per mode ({@code duel}, {@code squad}, {@code ffa})
 * and per {@code solo} or {@code party}, so a report says which kind of ticket makes the tail
 * rather than leaving it to be guessed from the total. Every player of a party counts once, as
 * in the total. Histograms are in milliseconds; the caller adds one interval per group at a time
 * (not thread-safe: the reporter thread owns it).
 */
public final class TimeToMatchSplit {

    /** The groups in display order: modes first, then solo and party. */
    public static final List<String> GROUPS = List.of("duel", "squad", "ffa", "solo", "party");

    private final Map<String, Histogram> byGroup = new LinkedHashMap<>();

    public TimeToMatchSplit() {
        GROUPS.forEach(group -> byGroup.put(group, new Histogram(2)));
    }

    /** The groups a player's wait counts in: its mode's and its ticket's kind (a party has 2 or more players). */
    public static List<String> groupsOf(String modeWireName, int ticketPlayers) {
        if (!GROUPS.subList(0, 3).contains(modeWireName)) {
            throw new IllegalArgumentException("unknown mode '" + modeWireName + "'");
        }
        if (ticketPlayers < 1) {
            throw new IllegalArgumentException("a ticket has at least one player: " + ticketPlayers);
        }
        return List.of(modeWireName, ticketPlayers == 1 ? "solo" : "party");
    }

    /** Adds a group's recorded waits (ms); unknown groups are refused, so a typo cannot hide a group. */
    public void add(String group, Histogram waitsMs) {
        Histogram histogram = byGroup.get(group);
        if (histogram == null) {
            throw new IllegalArgumentException("unknown ticket group '" + group + "', expected one of " + GROUPS);
        }
        histogram.add(waitsMs);
    }

    /** Each group's figures, in {@link #GROUPS} order; a group nobody waited in has count 0 and NaN figures. */
    public Map<String, Percentiles> percentiles() {
        Map<String, Percentiles> figures = new LinkedHashMap<>();
        byGroup.forEach((group, histogram) -> figures.put(group, Percentiles.of(histogram, 1)));
        return Collections.unmodifiableMap(figures);
    }
}
