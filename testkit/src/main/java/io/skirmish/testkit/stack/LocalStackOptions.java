package io.skirmish.testkit.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The launcher's settings after ports have been chosen, so every component and every summary
 * line sees the same values.
 *
 * @param repoRoot          the checkout (module class-path files are read below it)
 * @param workDir           where every process keeps its folder and log
 * @param redisPort         Redis port on 127.0.0.1
 * @param elasticsearch     false with {@code --no-elasticsearch}
 * @param elasticsearchPort HTTP port on 127.0.0.1 (meaningless without Elasticsearch)
 * @param duration          run this long, or until Ctrl-C when empty
 * @param keepRunning       do not stop when a component that finishes on its own (the bot swarm) does
 */
public record LocalStackOptions(
        Path repoRoot, Path workDir, int redisPort, boolean elasticsearch, int elasticsearchPort,
        Optional<Duration> duration, boolean keepRunning) {

    public LocalStackOptions {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        workDir = workDir.toAbsolutePath().normalize();
        Objects.requireNonNull(duration, "duration");
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    public String elasticsearchUrl() {
        return "http://127.0.0.1:" + elasticsearchPort;
    }
}
