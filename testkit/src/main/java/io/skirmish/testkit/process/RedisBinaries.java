package io.skirmish.testkit.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds {@code redis-server} and {@code redis-cli}.
 *
 * <p>The system binaries come first ({@code SKIRMISH_REDIS_SERVER} / {@code SKIRMISH_REDIS_CLI},
 * then {@code PATH}). The bundled fallback exists for the local run command on a machine without
 * Redis: {@code com.github.codemonstur:embedded-redis:1.4.4} carries redis-server 6.2.6 (6.2.7 on
 * arm64) executables as plain class-path resources, which are copied out and run.
 */
public final class RedisBinaries {
    public static final String SERVER_ENV = "SKIRMISH_REDIS_SERVER";
    public static final String CLI_ENV = "SKIRMISH_REDIS_CLI";
    static final String SERVER_HINT = "install it with `apt-get install -y redis-server` (Debian/Ubuntu)";
    static final String CLI_HINT = "install it with `apt-get install -y redis-tools` (Debian/Ubuntu;"
            + " the redis-server package pulls it in too)";

    private RedisBinaries() {
    }

    public static Path server(Map<String, String> env) {
        return Executables.require("redis-server", SERVER_ENV, SERVER_HINT, env);
    }

    public static Path cli(Map<String, String> env) {
        return Executables.require("redis-cli", CLI_ENV, CLI_HINT, env);
    }

    /** The system redis-server, else (if allowed) the bundled one, else a {@link MissingPrerequisiteException}. */
    static Path server(RedisServerConfig config, Map<String, String> env) {
        try {
            return server(env);
        } catch (MissingPrerequisiteException missing) {
            if (!config.allowBundledBinary()) {
                throw missing;
            }
            return bundledServer(config.workDir().resolve("bundled-redis"), Thread.currentThread().getContextClassLoader())
                    .orElseThrow(() -> new MissingPrerequisiteException(missing.getMessage()
                            + " No bundled fallback either: com.github.codemonstur:embedded-redis is not on the class path"
                            + " or has no binary for " + platform() + "."));
        }
    }

    /**
     * Copies the embedded-redis binary for this platform into {@code dir} (once) and returns it,
     * or empty when the jar is not on the class path or has nothing for this OS and CPU.
     */
    public static Optional<Path> bundledServer(Path dir, ClassLoader classLoader) {
        Optional<String> resource = bundledResourceName(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        ClassLoader loader = classLoader != null ? classLoader : RedisBinaries.class.getClassLoader();
        URL url = loader.getResource(resource.get());
        if (url == null) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(resource.get());
            long expectedSize = url.openConnection().getContentLengthLong();
            if (!Files.isExecutable(target) || Files.size(target) != expectedSize) {
                // Copy to a temporary name and move, so a concurrent or interrupted copy never leaves a half binary.
                Path tmp = Files.createTempFile(dir, "redis-server", ".part");
                try (InputStream in = url.openStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return Optional.of(target);
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract bundled " + resource.get() + " to " + dir, e);
        }
    }

    /** The resource name embedded-redis 1.4.4 uses for this OS and CPU. */
    static Optional<String> bundledResourceName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux")) {
            if (x64) {
                return Optional.of("redis-server-6.2.6-v5-linux-amd64");
            }
            if (arm64) {
                return Optional.of("redis-server-6.2.7-linux-arm64");
            }
        } else if (os.contains("mac")) {
            if (x64) {
                return Optional.of("redis-server-6.2.6-v5-darwin-amd64");
            }
            if (arm64) {
                return Optional.of("redis-server-6.2.6-v5-darwin-arm64");
            }
        }
        return Optional.empty();
    }

    private static String platform() {
        return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    }
}
