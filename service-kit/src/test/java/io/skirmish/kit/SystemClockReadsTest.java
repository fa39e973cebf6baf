package io.skirmish.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Main code does not read the system clock itself: a class takes an epoch clock and a nano clock
 * (Agrona's {@code EpochClock}/{@code NanoClock}, or {@code InstantSource}) and the process's
 * wiring passes the system ones ({@code SystemEpochClock.INSTANCE}, {@code SystemNanoClock.INSTANCE},
 * {@code InstantSource.system()}), so a test can drive the class with a fake clock instead of
 * sleeping. Scans the sources of every module (comments aside).
 *
 * <p>{@link #NOT_YET} lists the classes that still read it, each with why it is left. The list
 * only shrinks: a listed class that no longer reads the clock fails this test too, so whoever
 * converts one also removes its line.
 */
class SystemClockReadsTest {

    private static final Pattern READ = Pattern.compile("System\\s*\\.\\s*(nanoTime|currentTimeMillis)\\s*\\(");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    private static final Map<String, String> NOT_YET = Map.ofEntries();

    private static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("service-kit"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root (the folder holding service-kit)").isNotNull();
        return dir;
    }

    private static TreeSet<String> mainSourcesReadingTheClock(Path root) throws IOException {
        TreeSet<String> reading = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> root.relativize(path).toString().replace('\\', '/').matches("[^/]+/src/main/java/.*"))
                    .forEach(path -> {
                        String code = COMMENTS.matcher(read(path)).replaceAll("");
                        if (READ.matcher(code).find()) {
                            reading.add(root.relativize(path).toString().replace('\\', '/'));
                        }
                    });
        }
        return reading;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void mainCodeTakesItsClocksInsteadOfReadingTheSystemClock() throws IOException {
        TreeSet<String> reading = mainSourcesReadingTheClock(repositoryRoot());

        assertThat(reading).as("main classes calling System.nanoTime() or System.currentTimeMillis(): take an "
                + "EpochClock/NanoClock (or InstantSource) in the constructor and pass the system one from the "
                + "wiring").isSubsetOf(NOT_YET.keySet());
    }

    @Test
    void theListOfClassesNotConvertedYetOnlyShrinks() throws IOException {
        TreeSet<String> reading = mainSourcesReadingTheClock(repositoryRoot());

        assertThat(NOT_YET.keySet()).as("converted classes to remove from NOT_YET").isSubsetOf(reading);
    }
}
