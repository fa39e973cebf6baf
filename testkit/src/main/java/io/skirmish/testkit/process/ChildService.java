package io.skirmish.testkit.process;

import io.skirmish.testkit.process.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A Skirmish server's real main class run as a child JVM on this JVM's class path (a test's,
 * {@link JavaServiceSpec#onThisClasspath}), with its ops endpoint on a free port
 * ({@code --ops-port}) and readers for it, for tests that need the whole
 * process: flags, wiring, {@code /health} and {@code /ready}, SIGTERM ({@link #stop}) or a crash
 * ({@link #kill}). {@link #start} returns once {@code /ready} answers 200.
 *
 * <p>Not thread-safe beyond what {@link JavaServiceProcess} guarantees; one test thread uses it.
 */
public final class ChildService implements AutoCloseable {

    private final JavaServiceProcess process;
    private final int opsPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * @param name      folder and log name under {@code workDir} (lower-case letters, digits, '-')
     * @param mainClass the server's main class, e.g. {@code LogShipperMain.class.getName()}
     * @param args      its flags; {@code --ops-port} is added
     */
    public ChildService(Path workDir, String name, String mainClass, String... args) {
        // Agrona (the game-server's ring buffers) needs the export; harmless for the others. A small
        // heap and C1 only: tests start many children on a shared machine.
        this(workDir, name, mainClass, List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), args);
    }

    /** As above with the child's JVM options, e.g. a benchmark's (full JIT, a larger heap). */
    public ChildService(Path workDir, String name, String mainClass, List<String> jvmOptions, String... args) {
        this.opsPort = FreePorts.next();
        List<String> allArgs = new ArrayList<>(List.of(args));
        allArgs.add("--ops-port=" + opsPort);
        JavaServiceSpec spec = JavaServiceSpec.onThisClasspath(name, mainClass,
                        URI.create("http://127.0.0.1:" + opsPort + "/ready"), allArgs.toArray(String[]::new))
                .withJvmOptions(jvmOptions.toArray(String[]::new))
                .withEnvironment(Map.of())
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(20));
        this.process = new JavaServiceProcess(spec, workDir);
    }

    /** Starts the child and waits until {@code /ready} answers 200 (at most 60 s). */
    public ChildService start() {
        process.start();
        return this;
    }

    /** SIGTERM, then waits for the exit (SIGKILL after 20 s). */
    public void stop() {
        process.stop();
    }

    /** SIGKILL at once: a crash. */
    public void kill() {
        process.kill();
    }

    /** The exit code once the child has ended (143 after SIGTERM, 137 after SIGKILL). */
    public OptionalInt exitCode() {
        return process.exitCode();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    public Path logFile() {
        return process.logFile();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * The child's live heap: a full collection first ({@code jcmd <pid> GC.run}, the JDK's own
     * tool), then the heap in use from its metrics ({@code jvm_memory_used_bytes{area="heap"}}).
     * What attack tests compare before and after an attack.
     */
    public long liveHeapBytes() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || gc.exitValue() != 0) {
            gc.destroyForcibly();
            throw new IOException("jcmd GC.run failed for pid " + pid());
        }
        return (long) metric("jvm_memory_used_bytes", "area=\"heap\"");
    }

    public int opsPort() {
        return opsPort;
    }

    /** GET on the ops endpoint, e.g. {@code /health}. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sum of a Prometheus sample family, e.g. {@code logship_docs_indexed_total}; -1 when unreachable. */
    public double metric(String family) {
        return metric(family, "");
    }

    /** Sum of the samples of {@code family} whose labels contain {@code label} (e.g. {@code source="claimed"}); -1 when unreachable. */
    public double metric(String family, String label) {
        try {
            String body = get("/metrics").body();
            double sum = 0;
            for (String line : body.split("\n")) {
                boolean inFamily = line.startsWith(family + "{") || line.startsWith(family + " ");
                if (inFamily && line.contains(label)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
