package io.skirmish.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the repository's commands from its root and keeps its exit status and output. */
record Script(int exitCode, String output) {

    static final Path ROOT = Path.of(System.getProperty("skirmish.repo.root", "..")).toAbsolutePath().normalize();

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
