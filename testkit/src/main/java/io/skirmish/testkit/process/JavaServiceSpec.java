package io.skirmish.testkit.process;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run one Skirmish server as a child JVM: {@code java <jvmOptions> -cp <classpath> <mainClass> <args>}.
 *
 * @param name           short name, also the folder and log name ({@code <workDir>/<name>/<name>.log})
 * @param mainClass      fully qualified main class
 * @param classpath      entries in order (see {@link ModuleClasspath})
 * @param jvmOptions     e.g. {@code -Xmx256m}
 * @param args           program arguments (flags such as {@code --redis-url=...})
 * @param environment    added to the inherited environment (e.g. {@code SKIRMISH_REDIS_URL})
 * @param readyUrl       the service's {@code /ready}; ready when it answers 200
 * @param startupTimeout how long {@code /ready} may take to answer 200
 * @param stopTimeout    how long to wait after SIGTERM before SIGKILL
 */
public record JavaServiceSpec(
        String name, String mainClass, List<Path> classpath, List<String> jvmOptions, List<String> args,
        Map<String, String> environment, URI readyUrl, Duration startupTimeout, Duration stopTimeout) {

    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(15);

    public JavaServiceSpec {
        if (name == null || !name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("name must be lower-case letters, digits and '-': " + name);
        }
        if (mainClass == null || mainClass.isBlank()) {
            throw new IllegalArgumentException("mainClass must not be blank: " + mainClass);
        }
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("classpath must not be empty for " + name);
        }
        Objects.requireNonNull(readyUrl, "readyUrl");
        if (startupTimeout.isNegative() || startupTimeout.isZero() || stopTimeout.isNegative() || stopTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: startup=" + startupTimeout + " stop=" + stopTimeout);
        }
        classpath = List.copyOf(classpath);
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
    }

    /** No JVM options, no extra environment, default timeouts. */
    public static JavaServiceSpec of(String name, String mainClass, List<Path> classpath, URI readyUrl, String... args) {
        return new JavaServiceSpec(name, mainClass, classpath, List.of(), List.of(args), Map.of(), readyUrl,
                DEFAULT_STARTUP_TIMEOUT, DEFAULT_STOP_TIMEOUT);
    }

    /**
     * A main class of this JVM's own class path as a child JVM: a test starts the real servers as
     * separate processes, with their real flags, without a packaged build.
     */
    public static JavaServiceSpec onThisClasspath(String name, String mainClass, URI readyUrl, String... args) {
        List<Path> classpath = java.util.Arrays.stream(System.getProperty("java.class.path")
                        .split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(Path::of).toList();
        return of(name, mainClass, classpath, readyUrl, args);
    }

    public JavaServiceSpec withJvmOptions(String... options) {
        return new JavaServiceSpec(name, mainClass, classpath, List.of(options), args, environment, readyUrl,
                startupTimeout, stopTimeout);
    }

    public JavaServiceSpec withEnvironment(Map<String, String> env) {
        return new JavaServiceSpec(name, mainClass, classpath, jvmOptions, args, env, readyUrl, startupTimeout, stopTimeout);
    }

    public JavaServiceSpec withTimeouts(Duration startup, Duration stop) {
        return new JavaServiceSpec(name, mainClass, classpath, jvmOptions, args, environment, readyUrl, startup, stop);
    }
}
