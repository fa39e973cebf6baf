package io.skirmish.match.bench;

import io.skirmish.kit.ops.CpuClock;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.JavaServiceProcess;
import io.skirmish.testkit.process.JavaServiceSpec;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * N match-server processes (the real {@code MatchServerMain}, each its own JVM, as in production)
 * against one Redis, on free loopback ports. Started in parallel-safe order, stopped with
 * SIGTERM. Used by one thread.
 */
final class ServerFleet implements AutoCloseable {

    record Options(List<Path> classpath, List<String> jvmOptions, List<String> extraArgs, List<String> regions) {
    }

    private final List<JavaServiceProcess> processes = new ArrayList<>();
    private final List<Integer> clientPorts = new ArrayList<>();

    ServerFleet(int instances, String redisUrl, Options options, Path workDir) {
        try {
            for (int i = 1; i <= instances; i++) {
                int clientPort = FreePorts.next();
                int opsPort = FreePorts.next();
                List<String> args = new ArrayList<>(List.of("--dev", "--max-connections-per-address=20000", "--login=trusted",
                        "--login-limit-address=off", "--login-limit-account=off", "--join-limit=off",
                        "--max-in-flight=100000", "--rate-limit=off", "--instance-id", "bench-m" + i,
                        "--regions", String.join(",", options.regions()), "--redis-url", redisUrl,
                        "--client-port", Integer.toString(clientPort), "--ops-port", Integer.toString(opsPort)));
                args.addAll(options.extraArgs());
                JavaServiceSpec spec = new JavaServiceSpec("match-" + instances + "x-" + i,
                        "io.skirmish.match.MatchServerMain", options.classpath(), options.jvmOptions(), args, Map.of(),
                        URI.create("http://127.0.0.1:" + opsPort + "/ready"), Duration.ofSeconds(90), Duration.ofSeconds(20));
                JavaServiceProcess process = new JavaServiceProcess(spec, workDir);
                process.start();
                processes.add(process);
                clientPorts.add(clientPort);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    List<Integer> clientPorts() {
        return clientPorts;
    }

    /** CPU time of every instance so far (ns), in instance order. */
    long[] cpuNs() {
        return processes.stream().mapToLong(p -> CpuClock.process(p.pid())).toArray();
    }

    /** Ends every instance that still runs (the exit codes are in the logs). */
    @Override
    public void close() {
        for (JavaServiceProcess process : processes) {
            process.stop();
        }
    }

    static List<String> split(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }
}
