package io.skirmish.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A drill's own folder under {@code target/drills/}, kept after the run so its logs can be read. */
final class DrillDirs {
    private DrillDirs() {
    }

    static Path create(String drill) {
        Path root = Path.of(System.getProperty("skirmish.target.dir", "target")).toAbsolutePath().resolve("drills");
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, drill + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a folder for the " + drill + " drill under " + root, e);
        }
    }
}
