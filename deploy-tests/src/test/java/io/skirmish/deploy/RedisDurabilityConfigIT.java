package io.skirmish.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis of the container stack (deploy/images/redis/redis.conf, what deploy/compose runs) and
 * of Kubernetes (the configmap block of deploy/k8s/dependencies/redis-cluster-values.yaml) keeps
 * an append-only file fsynced every second, as docs/reliability.md promises: each configuration is
 * loaded by a real redis-server, which is then asked what it runs with.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class RedisDurabilityConfigIT {

    @TempDir
    Path work;

    @Test
    void containerRedisRunsWithAppendOnlyFileFsyncedEverySecond() throws Exception {
        String conf = Files.readString(Script.ROOT.resolve("deploy/images/redis/redis.conf"));

        assertThat(effective(conf, "appendonly", "appendfsync")).containsExactly("yes", "everysec");
    }

    @Test
    void kubernetesRedisClusterRunsWithAppendOnlyFileFsyncedEverySecond() throws Exception {
        List<String> values = Files.readAllLines(Script.ROOT.resolve("deploy/k8s/dependencies/redis-cluster-values.yaml"));

        assertThat(effective(configmapBlock(values), "appendonly", "appendfsync")).containsExactly("yes", "everysec");
    }

    /** The lines indented under {@code configmap: |-}: the chart appends them to redis.conf. */
    private static String configmapBlock(List<String> lines) {
        StringBuilder block = new StringBuilder();
        boolean inside = false;
        for (String line : lines) {
            if (line.strip().startsWith("configmap: |")) {
                inside = true;
            } else if (inside && (line.isBlank() || line.startsWith("    "))) {
                block.append(line.strip()).append('\n');
            } else if (inside) {
                break;
            }
        }
        assertThat(block).as("configmap block of the chart values").isNotEmpty();
        return block.toString();
    }

    /** Starts redis-server on the configuration (on a free loopback port, data in a temp folder) and reads settings back. */
    private List<String> effective(String conf, String... settings) throws Exception {
        Script.requireTool("redis-server", "apt-get install -y redis-server");
        int port = freePort();
        Path file = work.resolve("redis-" + port + ".conf");
        // Only where it listens and writes changes (redis-server applies `dir` as it reads it, so
        // the container's /data line is dropped rather than overridden).
        String local = conf.lines().filter(line -> !line.matches("\\s*(dir|port|bind)\\s.*"))
                .collect(Collectors.joining("\n"));
        Files.writeString(file, local + "\nbind 127.0.0.1\nport " + port + "\ndir " + work + "\n");
        Process redis = new ProcessBuilder("redis-server", file.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("redis-" + port + ".log").toFile()).start();
        try {
            awaitPing(port);
            List<String> values = new ArrayList<>();
            for (String setting : settings) {
                Script reply = Script.run(10, "redis-cli", "-p", Integer.toString(port), "config", "get", setting);
                List<String> lines = reply.output().lines().toList();
                assertThat(lines).as("CONFIG GET %s: %s", setting, reply.output()).hasSize(2);
                values.add(lines.get(1));
            }
            return values;
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitPing(int port) throws Exception {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Script ping = Script.run(5, "redis-cli", "-p", Integer.toString(port), "ping");
            if (ping.output().strip().equals("PONG")) {
                return;
            }
            if (System.nanoTime() > deadlineNs) {
                throw new AssertionError("redis-server did not answer PING on " + port + ": " + ping.output());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
