package io.skirmish.ranking.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code redis-benchmark} (CSV output) against the benchmark's Redis and reads its figures:
 * the raw-command side of every comparison, at the same client count and pipeline depth as the
 * ranking-server side.
 */
final class RedisBenchmark {

    /** One redis-benchmark run: requests per second and its latency percentiles in ms. */
    record Figures(double perSecond, double p50Ms, double p99Ms) {
    }

    private final int port;

    RedisBenchmark(int port) {
        this.port = port;
    }

    /**
     * @param clients  {@code -c}
     * @param pipeline {@code -P}, requests in flight per client
     * @param requests {@code -n}
     * @param command  the command and its arguments, after any {@code -r} option
     */
    Figures run(int clients, int pipeline, long requests, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("redis-benchmark", "-p", Integer.toString(port), "-c",
                Integer.toString(clients), "-P", Integer.toString(pipeline), "-n", Long.toString(requests), "--csv"));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("redis-benchmark failed: " + output);
        }
        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        String[] lines = output.replace('\r', '\n').strip().split("\n");
        String[] fields = lines[lines.length - 1].replace("\"", "").split(",");
        int n = fields.length;
        return new Figures(Double.parseDouble(fields[n - 7]), Double.parseDouble(fields[n - 4]),
                Double.parseDouble(fields[n - 2]));
    }

    /** The command line for the documentation, e.g. {@code redis-benchmark -c 8 -P 1 ZREVRANGE ...}. */
    static String describe(int clients, int pipeline, String... command) {
        return "redis-benchmark -c " + clients + " -P " + pipeline + " " + String.join(" ", command);
    }
}
