package io.skirmish.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.skirmish.testkit.process.Executables;

/**
 * Debian's {@code promtool} (package {@code prometheus}) as the tests call it: one run, its
 * exit status and everything it printed, killed if it runs longer than a minute.
 */
final class Promtool {

    /** What one promtool run returned. */
    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    /** {@code promtool check metrics} on one scrape given on its standard input. */
    static Result checkMetrics(String exposition, Path workDir) throws IOException, InterruptedException {
        return run(workDir, exposition, "check", "metrics");
    }

    static Result run(Path workDir, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Executables.require("promtool", "SKIRMISH_PROMTOOL",
                "install it with `apt-get install -y prometheus`", System.getenv()).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool " + String.join(" ", args) + " ran longer than 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
