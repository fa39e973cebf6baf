package io.skirmish.launcher;

import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The stack's single {@code redis-server}: the system binary when installed, else the one bundled
 * in embedded-redis, so {@code run.sh} needs nothing beyond a JDK and Maven.
 *
 * <p>Persistence as in production: an append-only file fsynced every second
 * ({@code --appendonly yes --appendfsync everysec}), so a Redis that crashes or is restarted
 * during a run comes back with everything but at most its last second of writes (what each key
 * family may lose then, and how its consumers heal, is in {@code docs/reliability.md}). Still
 * empty at every start of the stack: the append-only files of earlier runs are deleted first, so
 * nothing stale survives from one run to the next.
 */
final class RedisComponent implements StackComponent {
    /** Where Redis 7 keeps its append-only files, and the one file of Redis 6 (the bundled binary). */
    static final List<String> AOF_NAMES = List.of("appendonlydir", "appendonly.aof");

    private final RedisServerConfig config;
    private RedisServerProcess redis;

    RedisComponent(Path workDir, int port) {
        this.config = RedisServerConfig.defaults(workDir).withPort(port).withBundledBinaryFallback(true)
                .withExtraArgs("--appendonly", "yes", "--appendfsync", "everysec");
    }

    /** The running server (tests kill and restart it). */
    RedisServerProcess process() {
        return redis;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void start() {
        deleteEarlierRuns(config.workDir());
        redis = RedisServerProcess.start(config);
    }

    /** Deletes the append-only files that earlier runs left in {@code redis-<port>/} folders. */
    static void deleteEarlierRuns(Path workDir) {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (Stream<Path> folders = Files.list(workDir)) {
            for (Path folder : folders.filter(p -> p.getFileName().toString().startsWith("redis-")).toList()) {
                for (String name : AOF_NAMES) {
                    Path aof = folder.resolve(name);
                    if (Files.exists(aof)) {
                        try (Stream<Path> files = Files.walk(aof)) {
                            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                                Files.delete(file);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the append-only files of an earlier run in " + workDir, e);
        }
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
