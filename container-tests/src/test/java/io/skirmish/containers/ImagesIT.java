package io.skirmish.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Every image the build makes starts on its own and answers: each service reaches /ready against
 * the Redis (and Elasticsearch) images, as its own non-root user, with its heap sized from the
 * container's memory limit, Docker's HEALTHCHECK turning healthy and the version and commit in its
 * labels, and stops in order on docker stop's SIGTERM; Redis, Elasticsearch and HAProxy answer their own checks as non-root users. Records each
 * image's size and start-to-ready time ({@link Figures}).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ImagesIT {

    private static final Network NETWORK = Network.newNetwork();
    private static GenericContainer<?> redis;
    private static GenericContainer<?> elasticsearch;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startStorage() {
        redis = startTimed("redis", Containers.redis(NETWORK));
        elasticsearch = startTimed("elasticsearch", Containers.elasticsearch(NETWORK));
    }

    @AfterAll
    static void stopStorage() {
        if (elasticsearch != null) {
            elasticsearch.stop();
        }
        if (redis != null) {
            redis.stop();
        }
        NETWORK.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"game-server", "match-server", "ranking-server", "log-shipper"})
    void serviceImageAnswersReadyAsItsOwnUserWithHeapFromTheContainerLimit(String module) throws Exception {
        int opsPort = Containers.OPS_PORTS.get(module);
        GenericContainer<?> service = Containers.service(module, module, NETWORK)
                .withEnv("SKIRMISH_ELASTICSEARCH_URL", "http://elasticsearch:" + Containers.ELASTICSEARCH_PORT);
        try (service) {
            startTimed(module, service);
            String ops = "http://" + service.getHost() + ":" + service.getMappedPort(opsPort);

            assertThat(get(ops + "/ready").statusCode()).isEqualTo(200);
            assertThat(exec(service, "id", "-u")).isEqualTo("10001");
            long heapMaxBytes = heapMaxBytes(get(ops + "/metrics").body());
            assertThat(heapMaxBytes).as("heap maximum from -XX:MaxRAMPercentage=75 of the 512 MiB limit")
                    .isBetween(Containers.SERVICE_MEMORY_BYTES / 2, Containers.SERVICE_MEMORY_BYTES * 3 / 4);
            Map<String, String> labels = service.getContainerInfo().getConfig().getLabels();
            assertThat(labels).containsEntry("org.opencontainers.image.version", SkirmishImages.TAG)
                    .containsKey("org.opencontainers.image.revision");
            await("Docker's HEALTHCHECK (GET /health over bash /dev/tcp)").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> "healthy".equals(health(service)));

            // docker stop sends SIGTERM to pid 1: the launcher execs java, so the JVM itself gets it
            // and stops its components in order instead of being killed when the timeout runs out.
            DockerClient docker = DockerClientFactory.instance().client();
            docker.stopContainerCmd(service.getContainerId()).withTimeout(60).exec();
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(service.getContainerId()).exec().getState();
            assertThat(state.getExitCodeLong()).as("exit status after SIGTERM (137 = killed)").isIn(0L, 143L);
            assertThat(service.getLogs()).contains("stopped service=" + module);
        }
    }

    @Test
    void botSwarmImagePrintsItsOptions() {
        GenericContainer<?> swarm = new GenericContainer<>(SkirmishImages.named("load-bots"))
                .withCommand("--help")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)));
        try (swarm) {
            long startNs = System.nanoTime();
            swarm.start();
            Figures.record("skirmish-load-bots: image " + Figures.megabytes(SkirmishImages.sizeBytes("load-bots"))
                    + ", --help answered in " + (System.nanoTime() - startNs) / 1_000_000 + " ms");
            assertThat(swarm.getLogs()).contains("Usage: skirmish-swarm", "--match-server");
        }
    }

    @Test
    void redisAnswersPingAsTheRedisUser() throws Exception {
        assertThat(exec(redis, "redis-cli", "ping")).isEqualTo("PONG");
        assertThat(exec(redis, "id", "-un")).isEqualTo("redis");
    }

    @Test
    void elasticsearchIsHealthyAsANonRootUser() throws Exception {
        String url = "http://" + elasticsearch.getHost() + ":" + elasticsearch.getMappedPort(Containers.ELASTICSEARCH_PORT);
        HttpResponse<String> health = get(url + "/_cluster/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).containsPattern("\"status\":\"(green|yellow)\"");
        assertThat(exec(elasticsearch, "id", "-u")).isEqualTo("10002");
    }

    @Test
    void haproxyStartsBeforeItsServersExistAndAnswersItsMonitor() throws Exception {
        GenericContainer<?> haproxy = new GenericContainer<>(SkirmishImages.named("haproxy"))
                .withNetwork(NETWORK)
                .withExposedPorts(ContainerStack.HAPROXY_OPS_PORT)
                .withLogConsumer(ContainerLogs.to("haproxy-alone"))
                .waitingFor(Wait.forHttp("/healthz").forPort(ContainerStack.HAPROXY_OPS_PORT).forStatusCode(200));
        try (haproxy) {
            startTimed("haproxy", haproxy);
            URI stats = URI.create("http://" + haproxy.getHost() + ":"
                    + haproxy.getMappedPort(ContainerStack.HAPROXY_OPS_PORT) + "/stats;csv");
            assertThat(HaproxyStats.read(http, stats).values()).extracting(HaproxyStats.Server::status)
                    .as("no server exists on this network: every one is out of rotation").allMatch(s -> !s.equals("UP"));
            assertThat(exec(haproxy, "id", "-un")).isEqualTo("haproxy");
        }
    }

    private static <T extends GenericContainer<?>> T startTimed(String image, T container) {
        long startNs = System.nanoTime();
        container.start();
        Figures.record("skirmish-" + image + ": image " + Figures.megabytes(SkirmishImages.sizeBytes(image))
                + ", start to ready " + (System.nanoTime() - startNs) / 1_000_000 + " ms");
        return container;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String exec(GenericContainer<?> container, String... command) throws Exception {
        ExecResult result = container.execInContainer(command);
        assertThat(result.getExitCode()).as("%s: %s", String.join(" ", command), result.getStderr()).isZero();
        return result.getStdout().strip();
    }

    private static String health(GenericContainer<?> container) {
        return DockerClientFactory.instance().client().inspectContainerCmd(container.getContainerId()).exec()
                .getState().getHealth().getStatus();
    }

    /** Sum of the heap pools' maximum sizes in the Prometheus text (pools without a maximum say -1). */
    private static long heapMaxBytes(String metrics) {
        return metrics.lines()
                .filter(line -> line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .filter(bytes -> bytes > 0)
                .mapToLong(bytes -> (long) bytes)
                .sum();
    }
}
