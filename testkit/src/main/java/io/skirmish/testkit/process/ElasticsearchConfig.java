package io.skirmish.testkit.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one Elasticsearch node.
 *
 * @param workDir        where the distribution is unpacked and node folders live (a {@code target/}
 *                       folder); replaced by {@code /tmp/skirmish-es-<hash>} when running as root and
 *                       the unprivileged user cannot reach it
 * @param version        distribution version; the integ-test zip of this version is fetched through Maven
 * @param httpPort       HTTP port on 127.0.0.1, 0 = free port
 * @param transportPort  transport port on 127.0.0.1, 0 = free port
 * @param heap           JVM heap, used for both -Xms and -Xmx
 * @param jvmOptions     further options for Elasticsearch's JVMs (server and CLI launcher)
 * @param clusterName    {@code cluster.name}
 * @param startupTimeout bound for the node to report yellow health
 * @param settings       extra {@code -E key=value} settings, applied after the defaults
 */
public record ElasticsearchConfig(
        Path workDir, String version, int httpPort, int transportPort, String heap, List<String> jvmOptions,
        String clusterName, Duration startupTimeout, Map<String, String> settings) {

    /**
     * C1 only: on a busy 2-core machine this halves start-up (about 35 s to 15 s measured here),
     * because the C2 compiler otherwise competes with start-up for the cores. Costs peak throughput,
     * which tests do not need; a benchmark or long-running stack can pass an empty list.
     */
    public static final List<String> FAST_STARTUP_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    public ElasticsearchConfig {
        Objects.requireNonNull(workDir, "workDir");
        if (version == null || !version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("version must look like 8.19.21: " + version);
        }
        if (httpPort < 0 || httpPort > 65_535 || transportPort < 0 || transportPort > 65_535) {
            throw new IllegalArgumentException("port out of range: http=" + httpPort + " transport=" + transportPort);
        }
        if (heap == null || !heap.matches("\\d+[mg]")) {
            throw new IllegalArgumentException("heap must look like 512m or 1g: " + heap);
        }
        if (clusterName == null || !clusterName.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("clusterName must be lower-case letters, digits and '-': " + clusterName);
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive: " + startupTimeout);
        }
        jvmOptions = List.copyOf(jvmOptions);
        settings = Map.copyOf(settings);
    }

    /** The POM's Elasticsearch version, free ports, 512 MB heap, fast start-up, two minutes to start. */
    public static ElasticsearchConfig defaults(Path workDir) {
        return new ElasticsearchConfig(workDir, TestkitVersions.elasticsearch(), 0, 0, "512m", FAST_STARTUP_JVM_OPTIONS,
                "skirmish-test", Duration.ofMinutes(2), Map.of());
    }

    public ElasticsearchConfig withHttpPort(int port) {
        return new ElasticsearchConfig(workDir, version, port, transportPort, heap, jvmOptions, clusterName, startupTimeout, settings);
    }

    public ElasticsearchConfig withClusterName(String name) {
        return new ElasticsearchConfig(workDir, version, httpPort, transportPort, heap, jvmOptions, name, startupTimeout, settings);
    }

    public ElasticsearchConfig withJvmOptions(List<String> options) {
        return new ElasticsearchConfig(workDir, version, httpPort, transportPort, heap, options, clusterName, startupTimeout, settings);
    }

    public ElasticsearchConfig withSetting(String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put(key, value);
        return new ElasticsearchConfig(workDir, version, httpPort, transportPort, heap, jvmOptions, clusterName, startupTimeout, all);
    }
}
