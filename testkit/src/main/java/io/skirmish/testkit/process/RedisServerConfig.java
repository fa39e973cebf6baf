package io.skirmish.testkit.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start one {@code redis-server}.
 *
 * @param workDir            parent of the node's own folder ({@code <workDir>/redis-<port>})
 * @param port               port on 127.0.0.1, or 0 to pick a free one
 * @param extraArgs          appended after the defaults ({@code --save "" --appendonly no}); redis-server
 *                           lets a later option win, so {@code --appendonly yes} here turns persistence on
 * @param startupTimeout     how long to wait for PING to answer
 * @param allowBundledBinary when no system redis-server exists, use the one inside the
 *                           {@code com.github.codemonstur:embedded-redis} jar if it is on the class path.
 *                           For the local run command only: tests should fail loudly instead, so CI
 *                           always runs the Redis version the project targets
 */
public record RedisServerConfig(
        Path workDir, int port, List<String> extraArgs, Duration startupTimeout, boolean allowBundledBinary) {

    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(20);

    public RedisServerConfig {
        Objects.requireNonNull(workDir, "workDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        extraArgs = List.copyOf(extraArgs);
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive: " + startupTimeout);
        }
    }

    /** A free port, no persistence, system redis-server only. */
    public static RedisServerConfig defaults(Path workDir) {
        return new RedisServerConfig(workDir, 0, List.of(), DEFAULT_STARTUP_TIMEOUT, false);
    }

    public RedisServerConfig withPort(int newPort) {
        return new RedisServerConfig(workDir, newPort, extraArgs, startupTimeout, allowBundledBinary);
    }

    public RedisServerConfig withExtraArgs(String... args) {
        List<String> all = new ArrayList<>(extraArgs);
        all.addAll(List.of(args));
        return new RedisServerConfig(workDir, port, all, startupTimeout, allowBundledBinary);
    }

    public RedisServerConfig withStartupTimeout(Duration timeout) {
        return new RedisServerConfig(workDir, port, extraArgs, timeout, allowBundledBinary);
    }

    public RedisServerConfig withBundledBinaryFallback(boolean allow) {
        return new RedisServerConfig(workDir, port, extraArgs, startupTimeout, allow);
    }
}
