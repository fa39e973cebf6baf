package io.skirmish.launcher;

import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import java.nio.file.Path;
import java.util.List;

/**
 * The stack's single {@code redis-server}: the system binary when installed, else the one bundled
 * in embedded-redis, so {@code run.sh} needs nothing beyond a JDK and Maven. Empty at every start
 * (no persistence), so nothing stale survives a run.
 */
final class RedisComponent implements StackComponent {
    private final RedisServerConfig config;
    private RedisServerProcess redis;

    RedisComponent(Path workDir, int port) {
        this.config = RedisServerConfig.defaults(workDir).withPort(port).withBundledBinaryFallback(true);
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void start() {
        redis = RedisServerProcess.start(config);
    }

    @Override
    public String address() {
        return redis.endpoint().uri().toString();
    }

    @Override
    public String details() {
        Path binary = redis.binary();
        boolean bundled = binary.startsWith(config.workDir().toAbsolutePath());
        return (bundled ? "bundled binary (no redis-server on PATH): " : "system binary: ") + binary;
    }

    @Override
    public List<Path> logs() {
        return redis == null ? List.of() : List.of(redis.logFile());
    }

    @Override
    public boolean isRunning() {
        return redis != null && redis.isRunning();
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.stop();
        }
    }
}
