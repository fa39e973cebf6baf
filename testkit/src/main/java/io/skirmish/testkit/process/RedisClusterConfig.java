package io.skirmish.testkit.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a Redis Cluster: its masters, the replicas of each, and how fast a dead master is
 * declared failed.
 *
 * @param workDir           parent of the cluster's folder ({@code <workDir>/redis-cluster-<first port>})
 * @param masters           number of master nodes; redis-cli refuses fewer than 3
 * @param replicasPerMaster replicas of each master (0: masters only); with one or more, a killed
 *                          master fails over to its replica
 * @param nodeTimeout       {@code cluster-node-timeout}: how long a master may be unreachable before
 *                          the others mark it failed and its replica is promoted
 * @param startupTimeout    bound for each node's start, for {@code redis-cli --cluster create},
 *                          and for the cluster to report {@code cluster_state:ok}
 */
public record RedisClusterConfig(
        Path workDir, int masters, int replicasPerMaster, Duration nodeTimeout, Duration startupTimeout) {
    public static final int DEFAULT_MASTERS = 3;
    /** Failure detection speed only matters for fault tests; long enough not to fire under CPU contention. */
    public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(5);

    public RedisClusterConfig {
        Objects.requireNonNull(workDir, "workDir");
        if (masters < 3) {
            throw new IllegalArgumentException("masters must be at least 3 (redis-cli --cluster create needs 3): " + masters);
        }
        if (replicasPerMaster < 0 || replicasPerMaster > 5) {
            throw new IllegalArgumentException("replicasPerMaster must be 0 to 5: " + replicasPerMaster);
        }
        if (nodeTimeout.toMillis() < 500) {
            throw new IllegalArgumentException("nodeTimeout must be at least 500 ms: " + nodeTimeout);
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive: " + startupTimeout);
        }
    }

    /** Masters only, no replicas. */
    public RedisClusterConfig(Path workDir, int masters, Duration startupTimeout) {
        this(workDir, masters, 0, DEFAULT_NODE_TIMEOUT, startupTimeout);
    }

    public static RedisClusterConfig defaults(Path workDir) {
        return new RedisClusterConfig(workDir, DEFAULT_MASTERS, Duration.ofSeconds(30));
    }

    public RedisClusterConfig withReplicasPerMaster(int replicas) {
        return new RedisClusterConfig(workDir, masters, replicas, nodeTimeout, startupTimeout);
    }

    public RedisClusterConfig withNodeTimeout(Duration timeout) {
        return new RedisClusterConfig(workDir, masters, replicasPerMaster, timeout, startupTimeout);
    }

    /** Every node the cluster starts: the masters and their replicas. */
    public int nodes() {
        return masters * (1 + replicasPerMaster);
    }
}
