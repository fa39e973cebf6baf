package io.skirmish.match.bench;

import redis.clients.jedis.UnifiedJedis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where Redis's time went: {@code INFO commandstats} (calls and microseconds of execution per
 * command, Redis's own accounting, so scheduling delays on a busy machine do not count) read at
 * two instants. Commands run inside scripts are counted both on their own line and in their
 * script's {@code evalsha} line.
 */
final class RedisCommandStats {

    private final Map<String, long[]> byCommand;

    private RedisCommandStats(Map<String, long[]> byCommand) {
        this.byCommand = byCommand;
    }

    static RedisCommandStats read(UnifiedJedis redis) {
        Map<String, long[]> stats = new HashMap<>();
        try {
            for (String line : redis.info("commandstats").split("\r?\n")) {
                if (!line.startsWith("cmdstat_")) {
                    continue;
                }
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                long calls = field(line, "calls=");
                long usec = field(line, "usec=");
                stats.put(name, new long[] {calls, usec});
            }
        } catch (RuntimeException e) {
            // no figures: the report says so
        }
        return new RedisCommandStats(stats);
    }

    private static long field(String line, String key) {
        int at = line.indexOf(key);
        if (at < 0) {
            return 0;
        }
        int end = line.indexOf(',', at);
        return Long.parseLong(line.substring(at + key.length(), end < 0 ? line.length() : end));
    }

    /**
     * The {@code top} commands by time spent between {@code before} and this, per matched
     * ticket: {@code name calls/ticket us/ticket}.
     */
    String topSince(RedisCommandStats before, double tickets, int top) {
        List<String[]> rows = new ArrayList<>();
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(byCommand.entrySet());
        entries.sort((a, b) -> Long.compare(delta(b, before, 1), delta(a, before, 1)));
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, long[]> entry : entries.subList(0, Math.min(top, entries.size()))) {
            long calls = delta(entry, before, 0);
            long usec = delta(entry, before, 1);
            if (usec <= 0) {
                continue;
            }
            text.append(text.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f calls %.1f us",
                    entry.getKey(), calls / tickets, usec / tickets));
        }
        return text.toString();
    }

    /** Calls of every command between {@code before} and this (a script call counts once, and so does each command it ran). */
    long callsSince(RedisCommandStats before) {
        long calls = 0;
        for (Map.Entry<String, long[]> entry : byCommand.entrySet()) {
            calls += delta(entry, before, 0);
        }
        return calls;
    }

    /**
     * Every command with at least 0.05 calls per matched ticket between {@code before} and this,
     * most calls first: {@code name calls/ticket}. Where the per-ticket command count comes from.
     */
    String callsPerTicketSince(RedisCommandStats before, double tickets) {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(byCommand.entrySet());
        entries.sort((a, b) -> Long.compare(delta(b, before, 0), delta(a, before, 0)));
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, long[]> entry : entries) {
            double perTicket = delta(entry, before, 0) / tickets;
            if (perTicket >= 0.05) {
                text.append(text.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %.2f", entry.getKey(), perTicket));
            }
        }
        return text.toString();
    }

    private static long delta(Map.Entry<String, long[]> entry, RedisCommandStats before, int index) {
        long[] old = before.byCommand.getOrDefault(entry.getKey(), new long[2]);
        return entry.getValue()[index] - old[index];
    }
}
