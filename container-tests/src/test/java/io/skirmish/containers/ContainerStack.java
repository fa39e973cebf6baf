package io.skirmish.containers;

import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.FreePorts;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The whole Skirmish stack in containers on one Docker network, as deploy/compose/compose.yaml
 * describes it: Redis, Elasticsearch, a game-server, two match-servers and two ranking-servers
 * behind HAProxy (deploy/haproxy/haproxy.cfg, TCP mode, health checks on /ready) and the
 * log-shipper. The host sees HAProxy's client ports, the game-server's own ports, Redis,
 * Elasticsearch and every ops port. Closing stops the containers, last started first.
 */
final class ContainerStack implements AutoCloseable {

    static final int MATCH_PORT = 7600;
    static final int RANKING_PORT = 7720;
    static final int HAPROXY_OPS_PORT = 8404;

    private final Network network = Network.newNetwork();
    private final List<GenericContainer<?>> started = new ArrayList<>();
    private final Map<String, String> metricsEndpoints = new LinkedHashMap<>();
    private GenericContainer<?> redis;
    private GenericContainer<?> elasticsearch;
    private GenericContainer<?> haproxy;
    private Duration startToReady;

    ContainerStack start(Duration maxMatchTime) {
        long startNs = System.nanoTime();
        redis = start(Containers.redis(network));
        elasticsearch = start(Containers.elasticsearch(network));
        // The game-server's matches end within maxMatchTime, so a short run sees whole matches.
        service("game-server", "game-server", Containers.gameServer(network, FreePorts.next(), FreePorts.next())
                .withEnv("SKIRMISH_MAX_MATCH_TIME", maxMatchTime.toSeconds() + "s")
                .withEnv("SKIRMISH_TICK_AGENTS", "1")
                .withEnv("SKIRMISH_DRAIN_TIMEOUT", "5s"));
        for (int i = 1; i <= 2; i++) {
            service("match-server", "match-server-" + i, Containers.service("match-server", "match-server-" + i, network));
        }
        // Two roles of one image: ranking-server-1 applies results and answers queries,
        // ranking-server-2 only answers queries (--no-consume), as the Kubernetes manifests split them.
        service("ranking-server", "ranking-server-1",
                Containers.service("ranking-server", "ranking-server-1", network));
        service("ranking-server", "ranking-server-2",
                Containers.service("ranking-server", "ranking-server-2", network).withCommand(Stream.concat(
                        Containers.DEVELOPMENT_FLAGS.get("ranking-server").stream(), Stream.of("--no-consume"))
                        .toArray(String[]::new)));
        service("log-shipper", "log-shipper", Containers.service("log-shipper", "log-shipper", network)
                .withEnv("SKIRMISH_ELASTICSEARCH_URL", "http://elasticsearch:" + Containers.ELASTICSEARCH_PORT));
        haproxy = start(new GenericContainer<>(SkirmishImages.named("haproxy"))
                .withNetwork(network).withNetworkAliases("haproxy")
                .withExposedPorts(MATCH_PORT, RANKING_PORT, HAPROXY_OPS_PORT)
                .withLogConsumer(ContainerLogs.to("haproxy"))
                .waitingFor(Wait.forHttp("/healthz").forPort(HAPROXY_OPS_PORT).forStatusCode(200)));
        startToReady = Duration.ofNanos(System.nanoTime() - startNs);
        return this;
    }

    private void service(String module, String alias, GenericContainer<?> container) {
        start(container);
        metricsEndpoints.put(alias, Containers.metricsUrl(container, Containers.OPS_PORTS.get(module)));
    }

    private GenericContainer<?> start(GenericContainer<?> container) {
        container.start();
        started.add(0, container);
        return container;
    }

    Duration startToReady() {
        return startToReady;
    }

    String redisUrl() {
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(Containers.REDIS_PORT);
    }

    ElasticsearchEndpoint elasticsearch() {
        return new ElasticsearchEndpoint(URI.create("http://" + elasticsearch.getHost() + ":"
                + elasticsearch.getMappedPort(Containers.ELASTICSEARCH_PORT)));
    }

    /** HAProxy's match port on the host: any match-server that is ready. */
    String matchAddress() {
        return haproxy.getHost() + ":" + haproxy.getMappedPort(MATCH_PORT);
    }

    String rankingHost() {
        return haproxy.getHost();
    }

    int rankingPort() {
        return haproxy.getMappedPort(RANKING_PORT);
    }

    URI haproxyStats() {
        return URI.create("http://" + haproxy.getHost() + ":" + haproxy.getMappedPort(HAPROXY_OPS_PORT) + "/stats;csv");
    }

    Map<String, String> metricsEndpoints() {
        return Map.copyOf(metricsEndpoints);
    }

    @Override
    public void close() {
        // docker stop sends SIGTERM: each service drains as it would under an orchestrator.
        started.forEach(GenericContainer::stop);
        network.close();
    }
}
