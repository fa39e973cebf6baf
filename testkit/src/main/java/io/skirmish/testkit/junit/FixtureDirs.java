package io.skirmish.testkit.junit;

import java.nio.file.Path;

/** Where fixtures put their folders during a test run. */
final class FixtureDirs {
    /** Set by the parent POM's Failsafe configuration to the module's {@code target} folder. */
    static final String TARGET_DIR_PROPERTY = "skirmish.target.dir";

    private FixtureDirs() {
    }

    /** The module's {@code target} folder, or {@code ./target} when run outside Maven (an IDE). */
    static Path workDir() {
        String target = System.getProperty(TARGET_DIR_PROPERTY);
        return (target == null || target.isBlank() ? Path.of("target") : Path.of(target)).toAbsolutePath();
    }
}
