package io.skirmish.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.skirmish.testkit.process.Executables;
import io.skirmish.testkit.process.LogTail;
import io.skirmish.testkit.process.ProcessStartException;
import io.skirmish.testkit.process.ProcessTree;
import io.skirmish.testkit.process.Waits;

/**
 * Debian's {@code prometheus} or {@code prometheus-alertmanager} as a child process on loopback,
 * started with the given flags and considered up once {@code /-/ready} answers 200; its output
 * goes to {@code <name>.log} in the work directory.
 */
final class MonitoringProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private MonitoringProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static MonitoringProcess start(String binary, String aptPackage, int port, Path workDir, String... flags)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Executables.require(binary, "SKIRMISH_" + binary.toUpperCase().replace('-', '_'),
                "install it with `apt-get install -y " + aptPackage + "`", System.getenv()).toString());
        command.addAll(List.of(flags));
        Path log = workDir.resolve(binary + ".log");
        Files.createDirectories(workDir);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        MonitoringProcess started = new MonitoringProcess(binary, process, port, log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create("http://127.0.0.1:" + port + "/-/ready");
        try {
            Waits.until(binary + " ready at " + ready, Duration.ofSeconds(60), 200, () -> {
                if (!process.isAlive()) {
                    throw new ProcessStartException(binary + " exited with " + process.exitValue());
                }
                return http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            });
        } catch (RuntimeException e) {
            started.close();
            throw new ProcessStartException(e.getMessage() + "\n" + LogTail.of(log, 30), e);
        }
        return started;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        ProcessTree.terminate(process.toHandle(), Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return name + " pid=" + process.pid();
    }
}
