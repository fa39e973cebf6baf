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
 * A real Redis Cluster on 127.0.0.1: N {@code redis-server --cluster-enabled yes} masters joined
 * with {@code redis-cli --cluster create ... --cluster-replicas 0}, ready once every node reports
 * {@code cluster_state:ok}. Used to prove that multi-key scripts keep their keys in one slot.
 *
 * <p>Each node is a {@link RedisServerProcess}, so a fault test can {@link #node(int) kill one}
 * and start it again: its {@code nodes.conf} stays in its folder and it rejoins with its slots
 * (but, without persistence, not its data). Methods are synchronized.
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
        for (int i = 0; i < config.masters(); i++) {
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
                            // failure detection speed only matters for fault tests; keep it short
                            "--cluster-node-timeout", "5000");
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

    /** One master, for fault tests (kill, start, restart). */
    public RedisServerProcess node(int index) {
        return nodes.get(index);
    }

    public int size() {
        return nodes.size();
    }

    public Path dir() {
        return dir;
    }

    /** FLUSHALL on every master, since each holds only its own slots. */
    public synchronized void flushAll() {
        for (RedisServerProcess node : nodes) {
            node.flushAll();
        }
    }

    /** Blocks until every running node reports {@code cluster_state:ok} and all slots are served. */
    public synchronized void awaitHealthy() {
        Waits.until("cluster_state:ok on " + endpoint(), config.startupTimeout(), 100, () -> {
            for (RedisServerProcess node : nodes) {
                try (Jedis jedis = RedisAdmin.connect(node.endpoint(), 1_000)) {
                    String info = jedis.clusterInfo();
                    if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:" + ALL_SLOTS)) {
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
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
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
