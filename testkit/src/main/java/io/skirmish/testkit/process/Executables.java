package io.skirmish.testkit.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a program the way a shell would (an explicit override first, then {@code PATH}), and
 * fails with a message a newcomer can act on. The environment is a parameter so the
 * missing-prerequisite message can be tested without touching the real machine.
 */
public final class Executables {
    private Executables() {
    }

    /**
     * @param name        program name, e.g. {@code redis-server}
     * @param overrideEnv environment variable that may hold an absolute path to the program
     * @param installHint how to get it, e.g. {@code install it with `apt-get install -y redis-server`}
     * @param env         the environment to read {@code PATH} and the override from
     */
    public static Path require(String name, String overrideEnv, String installHint, Map<String, String> env) {
        String override = env.get(overrideEnv);
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override);
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return path;
            }
            throw new MissingPrerequisiteException(overrideEnv + "=" + override
                    + " does not name an executable file. Unset it to use " + name + " from PATH, or "
                    + installHint + ".");
        }
        return find(name, env).orElseThrow(() -> new MissingPrerequisiteException(
                name + " was not found on PATH (PATH=" + env.getOrDefault("PATH", "") + "). "
                        + "Skirmish tests and the local run command need a real " + name + ": "
                        + installHint + ", or set " + overrideEnv + " to the binary's absolute path."));
    }

    /** The first executable called {@code name} on the {@code PATH} of {@code env}. */
    public static Optional<Path> find(String name, Map<String, String> env) {
        String pathVar = env.getOrDefault("PATH", "");
        for (String dir : pathVar.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue; // an empty PATH entry means "current directory"; never run fixtures from there
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
