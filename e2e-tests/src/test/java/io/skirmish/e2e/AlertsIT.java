package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skirmish.bots.swarm.SwarmMain;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ElasticsearchProcess;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules of deploy/prometheus proven on the real thing: the whole stack as processes,
 * bots playing, a real Prometheus scraping it every second and evaluating a shortened copy of the real rules
 * ({@link FastRules}: every {@code for:} divided by 30 and every range by 10, at least 10 s), a real
 * Alertmanager routing to a webhook receiver in this test. While the bots play, every panel
 * query of the Grafana dashboards must return data. Then three faults are caused and cured in
 * turn: the ranking-server's CPU driven above 80 % (its {@code --test-cpu-burn} hook, with the
 * JVM limited to one core), the match-server killed and restarted, Elasticsearch stopped and
 * started. Each alert must go pending, fire, reach the receiver, and resolve after the cure;
 * the time each step took is printed (and recorded in docs/operations.md).
 */
@RedisTest
@ElasticsearchTest
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEPLOY = Path.of("..", "deploy", "prometheus").toAbsolutePath().normalize();
    private static final Path DASHBOARDS = Path.of("..", "deploy", "grafana", "dashboards").toAbsolutePath()
            .normalize();
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(150);

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> timings = new ArrayList<>();
    private int prometheusPort;

    @Test
    void cpuDownAndElasticsearchAlertsFireReachTheReceiverAndResolve(RedisEndpoint redis,
                                                                    ElasticsearchProcess elasticsearch) throws Exception {
        try (WholeStack stack = new WholeStack(work, redis.uri().toString(), elasticsearch.endpoint().uri().toString())
                .withJvmOptions("ranking-server", "-XX:ActiveProcessorCount=1")
                .withArgs("ranking-server", "--test-cpu-burn")
                .start(Duration.ofSeconds(30));
             AlertWebhook webhook = new AlertWebhook();
             MonitoringProcess alertmanager = startAlertmanager(webhook);
             MonitoringProcess prometheus = startPrometheus(stack, alertmanager)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(query("count(up == 1)")).as("targets up").isEqualTo(4));

            ExecutorService swarm = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> bots = swarm.submit(() -> CommandRunner.run(new SwarmMain(), "--bots=16",
                        "--ramp-up=2s", "--duration=60s", "--drain-timeout=40s", "--mode-mix=duel=50,squad=25,ffa=25",
                        "--seed=11", "--queue-timeout=40s", "--player-prefix=alerts",
                        "--match-server=127.0.0.1:" + stack.matchPort, "--ranking-server=127.0.0.1:" + stack.rankingPort,
                        "--report-dir=" + work.resolve("report")));
                everyDashboardQueryAnswers();
                assertThat(bots.get(3, TimeUnit.MINUTES)).as("swarm exit status").isZero();
            } finally {
                swarm.shutdownNow();
            }
            String rankingOps = "http://127.0.0.1:" + stack.opsPorts().get("ranking-server") + "/test/cpu-burn";

            prove(webhook, "SkirmishHighCpu", "ranking-server",
                    () -> send("POST", rankingOps + "?seconds=240&threads=8"),
                    () -> send("DELETE", rankingOps));
            prove(webhook, "SkirmishServiceDown", "match-server",
                    () -> stack.process("match-server").kill(),
                    () -> stack.process("match-server").start());
            try {
                prove(webhook, "ElasticsearchUnreachable", "log-shipper", elasticsearch::stop, elasticsearch::start);
            } finally {
                elasticsearch.start();
            }
            timings.forEach(System.out::println);
        }
    }

    /**
     * While the bots play, every panel query of every dashboard returns at least one series with
     * a number: a panel of a metric that does not exist, or of a wrong label, would stay empty.
     */
    private void everyDashboardQueryAnswers() throws Exception {
        List<DashboardQueries.Query> queries = DashboardQueries.load(DASHBOARDS, "1m");
        assertThat(queries).hasSizeGreaterThan(40);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<String> empty = new ArrayList<>();
            for (DashboardQueries.Query q : queries) {
                String problem = problem(q.expr());
                if (problem != null) {
                    empty.add(q + " -> " + problem);
                }
            }
            assertThat(empty).as("dashboard queries without data").isEmpty();
        });
        timings.add("dashboards: all " + queries.size() + " panel queries returned data");
    }

    /**
     * Null when the query returns at least one sample whose value is a number (histogram_quantile
     * of no traffic is NaN), else what it returned.
     */
    private String problem(String promql) throws Exception {
        JsonNode response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(response.path("status").asText())) {
            throw new AssertionError("query failed: " + promql + ": " + response);
        }
        for (JsonNode sample : response.path("data").path("result")) {
            if (!sample.path("value").get(1).asText().equals("NaN")) {
                return null;
            }
        }
        String result = response.path("data").path("result").toString();
        return result.length() > 300 ? result.substring(0, 300) + "..." : result;
    }

    /**
     * Causes a fault, waits for the alert of {@code service} to be pending, then firing in
     * Prometheus, then notified to the receiver; cures it and waits for the resolved notification.
     */
    private void prove(AlertWebhook webhook, String alert, String service, Action cause, Action cure)
            throws Exception {
        long causedNs = System.nanoTime();
        cause.run();
        long pendingNs = awaitState(alert, service, "pending");
        long firingNs = awaitState(alert, service, "firing");
        AlertWebhook.Received fired = await().atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> webhook.first(alert, "firing", causedNs).orElse(null), r -> r != null);
        assertThat(fired.labels().path("service").asText()).isEqualTo(service);
        assertThat(fired.labels().path("severity").asText()).isIn("critical", "warning");
        long curedNs = System.nanoTime();
        cure.run();
        AlertWebhook.Received resolved = await().atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> webhook.first(alert, "resolved", curedNs).orElse(null), r -> r != null);
        timings.add(String.format("alert %-26s pending after %5.1f s, firing after %5.1f s, at the receiver after "
                        + "%5.1f s; resolved at the receiver %5.1f s after the cure", alert, seconds(pendingNs - causedNs),
                seconds(firingNs - causedNs), seconds(fired.atNanos() - causedNs),
                seconds(resolved.atNanos() - curedNs)));
        System.out.println(timings.get(timings.size() - 1));
    }

    /** Waits until Prometheus lists the alert of {@code service} in {@code state}; returns when it saw it. */
    private long awaitState(String alert, String service, String state) {
        await().atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode a : get("/api/v1/alerts").path("data").path("alerts")) {
                if (a.path("labels").path("alertname").asText().equals(alert)
                        && a.path("labels").path("service").asText().equals(service)
                        && a.path("state").asText().equals(state)) {
                    return true;
                }
            }
            return false;
        });
        return System.nanoTime();
    }

    private MonitoringProcess startAlertmanager(AlertWebhook webhook) throws Exception {
        int port = FreePorts.next();
        Path dir = work.resolve("alertmanager");
        Files.createDirectories(dir);
        // The real routing's shape (critical and warning receivers), every wait at its minimum.
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: hook
                  group_by: [alertname, service]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(webhook.url()));
        return MonitoringProcess.start("prometheus-alertmanager", "prometheus-alertmanager", port, dir,
                "--config.file=alertmanager.yml", "--storage.path=data", "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=");
    }

    private MonitoringProcess startPrometheus(WholeStack stack, MonitoringProcess alertmanager) throws Exception {
        prometheusPort = FreePorts.next();
        Path dir = work.resolve("prometheus");
        Files.createDirectories(dir.resolve("rules"));
        FastRules fast = new FastRules(30, 10, Duration.ofSeconds(10));
        for (String file : List.of("recording.yml", "alerts.yml")) {
            Files.writeString(dir.resolve("rules").resolve(file),
                    fast.shorten(Files.readString(DEPLOY.resolve("rules").resolve(file))));
        }
        StringBuilder jobs = new StringBuilder();
        for (Map.Entry<String, Integer> service : stack.opsPorts().entrySet()) {
            jobs.append("""
                      - job_name: skirmish-%1$s
                        honor_labels: true
                        static_configs:
                          - targets: ["127.0.0.1:%2$d"]
                            labels: {service: %1$s}
                    """.formatted(service.getKey(), service.getValue()));
        }
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files: [rules/recording.yml, rules/alerts.yml]
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:%d"]
                scrape_configs:
                %s""".formatted(alertmanager.port(), jobs));
        return MonitoringProcess.start("prometheus", "prometheus", prometheusPort, dir,
                "--config.file=prometheus.yml", "--storage.tsdb.path=data",
                "--web.listen-address=127.0.0.1:" + prometheusPort, "--rules.alert.resend-delay=1s");
    }

    private double query(String promql) throws Exception {
        JsonNode result = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .path("data").path("result");
        return result.isEmpty() ? Double.NaN : result.get(0).path("value").get(1).asDouble();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + prometheusPort + path)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private void send(String method, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isBetween(200, 299);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }
}
