package io.skirmish.launcher;

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
 * @param swarm             the bot swarm's settings
 */
public record LocalStackOptions(
        Path repoRoot, Path workDir, int redisPort, boolean elasticsearch, int elasticsearchPort,
        Optional<Duration> duration, boolean keepRunning, SwarmSettings swarm) {

    /**
     * @param enabled        false with {@code --no-swarm}
     * @param bots           bots to run
     * @param duration       how long they queue (matches in progress then finish)
     * @param maxMatchTime   the game-server's cap on a match, so a short run sees whole matches
     * @param matchServer    host:port of a remote match-server, or null for the local stack's
     * @param rankingServer  host:port of a remote ranking-server, or null for the local stack's
     * @param extraArgs      passed to the swarm as they are ({@code --swarm-arg=--slo=rtt-p99=100ms})
     */
    public record SwarmSettings(boolean enabled, int bots, Duration duration, Duration maxMatchTime,
                                String matchServer, String rankingServer, java.util.List<String> extraArgs) {
        public SwarmSettings {
            extraArgs = java.util.List.copyOf(extraArgs);
        }

        /** Bots against servers elsewhere: the launcher starts only the swarm. */
        public boolean remote() {
            return matchServer != null;
        }
    }

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
