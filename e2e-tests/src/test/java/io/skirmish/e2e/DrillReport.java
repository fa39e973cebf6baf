package io.skirmish.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A drill's measured figures as {@code DRILL ...} lines in the Failsafe output (quoted in docs/reliability.md). */
final class DrillReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DrillReport() {
    }

    static void line(String format, Object... args) {
        System.out.println("DRILL " + String.format(format, args));
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** The errors the bots saw, by kind, from the swarm's JSON report in {@code reportDir}. */
    static Map<String, Long> swarmErrors(Path reportDir) {
        return counts(swarmReport(reportDir).path("errors"));
    }

    /** The swarm's totals (matches, reconnects, tickets resumed, ...), from its JSON report in {@code reportDir}. */
    static Map<String, Long> swarmTotals(Path reportDir) {
        return counts(swarmReport(reportDir).path("totals"));
    }

    private static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> byName = new TreeMap<>();
        object.fields().forEachRemaining(field -> byName.put(field.getKey(), field.getValue().asLong()));
        return byName;
    }

    private static JsonNode swarmReport(Path reportDir) {
        try (Stream<Path> files = Files.list(reportDir)) {
            List<Path> json = files.filter(file -> file.toString().endsWith(".json")).toList();
            if (json.size() != 1) {
                throw new AssertionError("expected one swarm report in " + reportDir + ", found " + json);
            }
            return JSON.readTree(json.get(0).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the swarm report in " + reportDir, e);
        }
    }
}
