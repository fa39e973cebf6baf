package io.skirmish.logship.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Temporary diagnostic: CPU ticks per thread-name group of this JVM, from /proc/self/task. */
final class ThreadCpu {

    static Map<String, Long> now() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.collect(Collectors.toList())) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    ticks.merge(task.getFileName() + ":" + name, t, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // thread ended
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ticks;
    }

    static String since(Map<String, Long> start) {
        Map<String, Long> grouped = new HashMap<>();
        now().forEach((k, v) -> grouped.merge(k.substring(k.indexOf(':') + 1), (v - start.getOrDefault(k, 0L)) * 10,
                Long::sum));
        return grouped.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .map(e -> e.getKey() + "=" + e.getValue() + "ms").collect(Collectors.joining(", "));
    }
}
