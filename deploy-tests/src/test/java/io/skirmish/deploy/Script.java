package io.skirmish.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Runs one of the repository's commands from its root and keeps its exit status and output. */
record Script(int exitCode, String output) {

    static final Path ROOT = Path.of(System.getProperty("skirmish.repo.root", "..")).toAbsolutePath().normalize();

    /**
     * A tool these checks need: without it the test is skipped with the command that installs it,
     * except under CI (CI=true), where .ci/run installs everything and a missing tool is a failure.
     */
    static void requireTool(String tool, String install) {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Path.of(dir, tool).toFile().canExecute());
        String message = tool + " is not installed (" + install + ")";
        if (!found && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.assumeTrue(found, message + ": skipped");
    }

    static Script run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(ROOT.toFile()).redirectErrorStream(true).start();
        // The output is small (one line per file and per problem): read it whole after the exit.
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Script(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
