package io.skirmish.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Cluster on 127.0.0.1: N {@code redis-server --cluster-enabled yes} masters, each
 * with M replicas, joined with {@code redis-cli --cluster create ... --cluster-replicas M}, ready
 * once every node reports {@code cluster_state:ok} and every replica is in sync with its master.
 * Used to prove that multi-key scripts keep their keys in one slot, and (with replicas) that
 * clients follow a failover.
 *
 * <p>Each node is a {@link RedisServerProcess}, so a fault test can {@link #node(int) kill one}
 * and start it again: its {@code nodes.conf} stays in its folder and it rejoins (a killed master
 * that was failed over comes back as a replica of its successor; without replicas it comes back
 * with its slots but, without persistence, not its data). {@link #killMasterServing(int)} and
 * {@link #awaitPromotion(int, RedisServerProcess)} drive a master failover. Methods are synchronized.
 */
public final class RedisClusterProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisClusterProcess.class);
    /** Redis Cluster's bus listens on the client port + 10000; both must be free. */
    private static final int BUS_PORT_OFFSET = 10_000;
    private static final int ALL_SLOTS = 16_384;

    private final RedisClusterConfig config;
    private final Path cli;
    private final List<RedisServerProcess> nodes = new ArrayList<>();
    private final Path dir;

    private RedisClusterProcess(RedisClusterConfig config) {
        this.config = config;
        this.cli = RedisBinaries.cli(System.getenv());
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < config.nodes(); i++) {
            ports.add(FreePorts.next(BUS_PORT_OFFSET));
        }
        this.dir = config.workDir().toAbsolutePath().resolve("redis-cluster-" + ports.get(0));
        for (int port : ports) {
            RedisServerConfig nodeConfig = RedisServerConfig.defaults(dir)
                    .withPort(port)
                    .withStartupTimeout(config.startupTimeout())
                    .withExtraArgs(
                            "--cluster-enabled", "yes",
                            "--cluster-config-file", "nodes.conf",
                            "--cluster-node-timeout", Long.toString(config.nodeTimeout().toMillis()));
            nodes.add(new RedisServerProcess(nodeConfig));
        }
    }

    /** Starts every node, forms the cluster and waits until it serves all slots. */
    public static RedisClusterProcess start(RedisClusterConfig config) {
        RedisClusterProcess cluster = new RedisClusterProcess(config);
        try {
            cluster.startNodes();
            cluster.create();
            cluster.awaitHealthy();
        } catch (RuntimeException e) {
            cluster.stop();
            throw e;
        }
        LOG.info("redis cluster ready nodes={} dir={}", cluster.endpoint(), cluster.dir);
        return cluster;
    }

    public RedisClusterEndpoint endpoint() {
        List<HostAndPort> hostAndPorts = new ArrayList<>();
        for (RedisServerProcess node : nodes) {
            hostAndPorts.add(node.endpoint().hostAndPort());
        }
        return new RedisClusterEndpoint(hostAndPorts);
    }

    /**
     * One node, for fault tests (kill, start, restart). redis-cli makes the first {@code masters}
     * nodes the masters at creation, but a failover changes that: ask {@link #masterServing(int)}.
     */
    public RedisServerProcess node(int index) {
        return nodes.get(index);
    }

    /** The cluster as a running node sees it ({@code CLUSTER NODES}). */
    public synchronized ClusterNodesView view() {
        RuntimeException last = null;
        for (RedisServerProcess node : nodes) {
            if (!node.isRunning()) {
                continue;
            }
            try (Jedis jedis = RedisAdmin.connect(node.endpoint(), 1_000)) {
                return ClusterNodesView.parse(jedis.clusterNodes());
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no running node answered CLUSTER NODES", last);
    }

    /** The node that currently serves {@code slot} as master. */
    public synchronized RedisServerProcess masterServing(int slot) {
        ClusterNodesView.Node master = view().masterOf(slot)
                .orElseThrow(() -> new IllegalStateException("no master serves slot " + slot));
        return byPort(master.port());
    }

    /**
     * {@code kill -9} of the master serving {@code slot}: clients get connection refused from it
     * until its replica is promoted ({@link #awaitPromotion}).
     *
     * @return the killed node, to start again later (it rejoins as a replica)
     */
    public synchronized RedisServerProcess killMasterServing(int slot) {
        RedisServerProcess master = masterServing(slot);
        master.kill();
        LOG.info("redis cluster master killed port={} slot={}", master.port(), slot);
        return master;
    }

    /**
     * Waits until a running node other than {@code killed} serves {@code slot} as master in the view
     * of every running node, and the cluster is healthy again.
     *
     * @return the promoted node
     */
    public RedisServerProcess awaitPromotion(int slot, RedisServerProcess killed) {
        Waits.until("a replica of " + killed.endpoint() + " promoted for slot " + slot, config.startupTimeout(), 50,
                () -> promotedFor(slot, killed) != null);
        awaitHealthy();
        return promotedFor(slot, killed);
    }

    private synchronized RedisServerProcess promotedFor(int slot, RedisServerProcess killed) {
        Integer agreed = null;
        for (RedisServerProcess node : nodes) {
            if (!node.isRunning()) {
                continue;
            }
            try (Jedis jedis = RedisAdmin.connect(node.endpoint(), 1_000)) {
                int port = ClusterNodesView.parse(jedis.clusterNodes()).masterOf(slot)
                        .map(ClusterNodesView.Node::port).orElse(-1);
                if (port < 0 || port == killed.port() || (agreed != null && agreed != port)) {
                    return null;
                }
                agreed = port;
            }
        }
        return agreed == null ? null : byPort(agreed);
    }

    private RedisServerProcess byPort(int port) {
        for (RedisServerProcess node : nodes) {
            if (node.port() == port) {
                return node;
            }
        }
        throw new IllegalStateException("no node of this cluster listens on " + port);
    }

    public int size() {
        return nodes.size();
    }

    public Path dir() {
        return dir;
    }

    /** FLUSHALL on every master, since each holds only its own slots (replicas follow their master). */
    public synchronized void flushAll() {
        for (ClusterNodesView.Node node : view().nodes()) {
            if (node.master() && !node.failed()) {
                byPort(node.port()).flushAll();
            }
        }
    }

    /**
     * Blocks until every running node reports {@code cluster_state:ok} with all slots served, and
     * every running replica's link to its master is up (so a write acknowledged from now on reaches
     * the replica before a later failover, unless the master dies within replication lag).
     */
    public synchronized void awaitHealthy() {
        Waits.until("cluster_state:ok on " + endpoint(), config.startupTimeout(), 100, () -> {
            for (RedisServerProcess node : nodes) {
                if (!node.isRunning()) {
                    continue;
                }
                try (Jedis jedis = RedisAdmin.connect(node.endpoint(), 1_000)) {
                    String info = jedis.clusterInfo();
                    if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:" + ALL_SLOTS)) {
                        return false;
                    }
                    String replication = jedis.info("replication");
                    if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    public synchronized void stop() {
        for (RedisServerProcess node : nodes) {
            node.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void startNodes() {
        for (RedisServerProcess node : nodes) {
            node.start();
        }
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
        for (RedisServerProcess node : nodes) {
            command.add(node.endpoint().toString());
        }
        command.addAll(List.of("--cluster-replicas", Integer.toString(config.replicasPerMaster()), "--cluster-yes"));
        Path log = dir.resolve("cluster-create.log");
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(config.startupTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.kill(process.toHandle());
                throw new ProcessStartException("redis-cli --cluster create did not finish within "
                        + config.startupTimeout().toSeconds() + " s\n" + LogTail.of(log, 40));
            }
            if (process.exitValue() != 0) {
                throw new ProcessStartException("redis-cli --cluster create failed with exit code "
                        + process.exitValue() + ": " + String.join(" ", command) + "\n" + LogTail.of(log, 40));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessStartException("interrupted while creating the cluster", e);
        }
    }
}
