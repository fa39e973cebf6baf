package io.skirmish.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Main code does not read the system clock itself: a class takes an epoch clock and a nano clock
 * (Agrona's {@code EpochClock}/{@code NanoClock}, or {@code InstantSource}) and the process's
 * wiring passes the system ones ({@code SystemEpochClock.INSTANCE}, {@code SystemNanoClock.INSTANCE},
 * {@code InstantSource.system()}, or {@code System::nanoTime} where a {@code LongSupplier} is
 * taken), so a test can drive the class with a fake clock instead of sleeping. Scans the sources
 * of every module (comments aside). Only a clock implementation, a class implementing one of
 * those clock types, may call the system clock.
 */
class SystemClockReadsTest {

    private static final Pattern READ = Pattern.compile("System\\s*\\.\\s*(nanoTime|currentTimeMillis)\\s*\\(");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern CLOCK_IMPLEMENTATION = Pattern.compile(
            "\\bimplements\\s+[^{]*\\b(NanoClock|EpochClock|InstantSource)\\b|\\bextends\\s+(java\\.time\\.)?Clock\\b");

    /** Whether {@code source} calls the system clock without being a clock implementation. */
    static boolean readsTheSystemClock(String source) {
        String code = COMMENTS.matcher(source).replaceAll("");
        return READ.matcher(code).find() && !CLOCK_IMPLEMENTATION.matcher(code).find();
    }

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
                        if (readsTheSystemClock(read(path))) {
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
                + "wiring").isEmpty();
    }

    @Test
    void aClassCallingTheSystemClockIsFound() {
        assertThat(readsTheSystemClock("class Loop { long now() { return System . nanoTime (); } }")).isTrue();
        assertThat(readsTheSystemClock("class Lease { long at = System.currentTimeMillis(); }")).isTrue();
    }

    @Test
    void commentsAndClockImplementationsMayNameTheSystemClock() {
        assertThat(readsTheSystemClock("class Loop { /* not System.nanoTime() */ // nor System.currentTimeMillis()\n }"))
                .isFalse();
        assertThat(readsTheSystemClock("final class MonotonicClock implements NanoClock {\n"
                + "    public long nanoTime() { return System.nanoTime(); } }")).isFalse();
    }
}
