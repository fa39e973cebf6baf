package io.skirmish.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

import org.testcontainers.containers.output.OutputFrame;

/**
 * Copies a container's stdout and stderr into {@code target/containers/<name>.log}, so a failed
 * run leaves every service's log behind (the containers themselves are removed).
 */
final class ContainerLogs implements Consumer<OutputFrame> {

    private final Path file;

    private ContainerLogs(Path file) {
        this.file = file;
    }

    static ContainerLogs to(String name) {
        Path dir = Path.of(System.getProperty("skirmish.target.dir", "target"), "containers");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".log");
            Files.deleteIfExists(file);
            return new ContainerLogs(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void accept(OutputFrame frame) {
        byte[] bytes = frame.getBytes();
        if (bytes == null) {
            return;
        }
        try {
            Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
