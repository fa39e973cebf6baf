package io.skirmish.kit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OpsServerIT {

    private final AtomicReference<String> redisProblem = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private PrometheusMeterRegistry registry;
    private OpsServer ops;

    @BeforeEach
    void start() throws Exception {
        registry = MeterRegistries.prometheus("probe", "probe-1");
        registry.counter("probe.requests").increment(3);
        ops = OpsServer.start("127.0.0.1", 0, registry, List.of(redisProblem::get));
    }

    @AfterEach
    void stop() {
        ops.close();
        registry.close();
    }

    @Test
    void metricsAreServedInPrometheusFormatWithServiceTags() throws Exception {
        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("probe_requests_total{instance=\"probe-1\",service=\"probe\"} 3.0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void healthIsAlwaysOk() throws Exception {
        redisProblem.set("redis unreachable");

        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void readyFollowsTheChecks() throws Exception {
        assertThat(get("/ready").statusCode()).isEqualTo(200);

        redisProblem.set("redis unreachable");
        HttpResponse<String> notReady = get("/ready");

        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("redis unreachable\n");
    }

    @Test
    void otherMethodsAreRefused() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();

        assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    @Test
    void theCpuBurnHookIsAbsentUnlessEnabled() throws Exception {
        assertThat(send("POST", "/test/cpu-burn?seconds=1&threads=1").statusCode()).isEqualTo(404);
    }

    @Test
    @Timeout(30)
    void theCpuBurnHookRefusesBadRequestsAndRunsOneBoundedBurnAtATime() throws Exception {
        ops.enableCpuBurnHook();

        assertThat(send("GET", "/test/cpu-burn").statusCode()).isEqualTo(405);
        assertThat(send("POST", "/test/cpu-burn?threads=1").body()).isEqualTo("missing seconds (1..300)\n");
        assertThat(send("POST", "/test/cpu-burn?seconds=301&threads=1").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/test/cpu-burn?seconds=x&threads=1").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/test/cpu-burn?seconds=5&threads=9").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/test/cpu-burn?seconds=5&threads=1").statusCode()).isEqualTo(202);
        assertThat(send("POST", "/test/cpu-burn?seconds=5&threads=1").statusCode()).isEqualTo(409);
        assertThat(send("DELETE", "/test/cpu-burn").statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(send("POST", "/test/cpu-burn?seconds=1&threads=1").statusCode()).isEqualTo(202));
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ops.port() + path);
    }
}
