package io.skirmish.logship.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's threads (JIT compiler and GC threads included), grouped by name with the
 * digits taken out, read from {@code /proc/self/task} (Linux). It shows which part of the shipper
 * a run's CPU went to: the loop, the HTTP client's I/O threads, the bulk listener, the JIT.
 */
final class ThreadCpu {

    /** Clock ticks per second of {@code /proc/<pid>/task/<tid>/stat}: 100 on every Linux we run on. */
    private static final int TICKS_PER_SECOND = 100;

    private ThreadCpu() {
    }

    /** Ticks per thread, keyed by thread id and name. Empty where {@code /proc} is not there. */
    static Map<String, Long> now() {
        Map<String, Long> ticks = new HashMap<>();
        List<Path> tasks;
        try (Stream<Path> listing = Files.list(Path.of("/proc/self/task"))) {
            tasks = listing.collect(Collectors.toList());
        } catch (IOException e) {
            return ticks;
        }
        for (Path task : tasks) {
            try {
                String stat = Files.readString(task.resolve("stat"));
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close).replaceAll("[0-9]+", "N");
                String[] fields = stat.substring(close + 2).split(" ");
                // fields 14 and 15 of stat (utime, stime), counted from the state field here
                ticks.put(task.getFileName() + ":" + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            } catch (IOException | RuntimeException e) {
                // the thread ended between the listing and the read: it no longer counts
            }
        }
        return ticks;
    }

    /** Milliseconds per thread-name group since {@code start}, largest first. */
    static String since(Map<String, Long> start) {
        Map<String, Long> grouped = new HashMap<>();
        now().forEach((key, ticks) -> grouped.merge(key.substring(key.indexOf(':') + 1),
                (ticks - start.getOrDefault(key, 0L)) * 1000 / TICKS_PER_SECOND, Long::sum));
        String text = grouped.entrySet().stream().filter(e -> e.getValue() >= 20)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return text.isEmpty() ? "unavailable" : text;
    }
}
