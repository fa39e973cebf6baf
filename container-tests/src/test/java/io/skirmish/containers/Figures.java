package io.skirmish.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the container tests measured (image sizes, start-to-ready times, the end-to-end run), one
 * line each, printed and appended to {@code target/container-figures.txt}.
 */
final class Figures {

    private Figures() {
    }

    static void record(String line) {
        System.out.println("[container figures] " + line);
        Path file = Path.of(System.getProperty("skirmish.target.dir", "target"), "container-figures.txt");
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String megabytes(long bytes) {
        return String.format("%.0f MB", bytes / 1e6);
    }
}
