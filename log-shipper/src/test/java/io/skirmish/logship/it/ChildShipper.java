package io.skirmish.logship.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.skirmish.logship.LogShipperMain;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.stack.JavaServiceProcess;
import io.skirmish.testkit.stack.JavaServiceSpec;

/** {@link LogShipperMain} as a child JVM on the test class path, so a test can SIGKILL it like a crash. */
public final class ChildShipper implements AutoCloseable {

    private final JavaServiceProcess process;
    private final int opsPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public ChildShipper(Path workDir, String name, String... args) {
        this.opsPort = FreePorts.next();
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(Path::of).toList();
        List<String> allArgs = new ArrayList<>(List.of(args));
        allArgs.add("--ops-port=" + opsPort);
        JavaServiceSpec spec = JavaServiceSpec.of(name, LogShipperMain.class.getName(), classpath,
                        URI.create("http://127.0.0.1:" + opsPort + "/ready"), allArgs.toArray(String[]::new))
                .withJvmOptions("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .withEnvironment(Map.of())
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(20));
        this.process = new JavaServiceProcess(spec, workDir);
    }

    public ChildShipper start() {
        process.start();
        return this;
    }

    public void kill() {
        process.kill();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** Sum of a Prometheus sample family, e.g. {@code logship_docs_indexed_total}; -1 when unreachable. */
    public double metric(String family) {
        return metric(family, "");
    }

    /** Sum of the samples of {@code family} whose labels contain {@code label} (e.g. {@code source="claimed"}). */
    public double metric(String family, String label) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/metrics"))
                    .timeout(Duration.ofSeconds(2)).build();
            String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
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
