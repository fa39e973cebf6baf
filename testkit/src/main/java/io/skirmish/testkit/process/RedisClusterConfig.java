package io.skirmish.testkit.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a Redis Cluster of masters only (no replicas).
 *
 * @param workDir        parent of the cluster's folder ({@code <workDir>/redis-cluster-<first port>})
 * @param masters        number of master nodes; redis-cli refuses fewer than 3
 * @param startupTimeout bound for each node's start, for {@code redis-cli --cluster create},
 *                       and for the cluster to report {@code cluster_state:ok}
 */
public record RedisClusterConfig(Path workDir, int masters, Duration startupTimeout) {
    public static final int DEFAULT_MASTERS = 3;

    public RedisClusterConfig {
        Objects.requireNonNull(workDir, "workDir");
        if (masters < 3) {
            throw new IllegalArgumentException("masters must be at least 3 (redis-cli --cluster create needs 3): " + masters);
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive: " + startupTimeout);
        }
    }

    public static RedisClusterConfig defaults(Path workDir) {
        return new RedisClusterConfig(workDir, DEFAULT_MASTERS, Duration.ofSeconds(30));
    }
}
