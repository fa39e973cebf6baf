package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skirmish.bots.swarm.SwarmMain;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services' own logs, the local-stack way: every service writes ECS JSON to a file
 * ({@code --log-format=ecs --log-file}), the log-shipper ships the directory
 * ({@code --log-dir}) into Elasticsearch's {@code skirmish-logs-*}. Every line of every file
 * arrives exactly once, also across a restart of the shipper (checkpointed offsets, document id
 * = file and offset), with the service, the instance and, on the lines about a player joining a
 * match, the match and player ids as fields.
 */
@RedisTest
@ElasticsearchTest
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LogShippingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("game-server", "match-server", "ranking-server", "log-shipper");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyServiceLogLineReachesElasticsearchOnceWithItsFields(RedisEndpoint redis, ElasticsearchEndpoint es)
            throws Exception {
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        WholeStack stack = new WholeStack(work, redis.uri().toString(), es.uri().toString());
        for (String service : SERVICES) {
            stack.withArgs(service, "--log-format=ecs", "--log-file=" + logs.resolve(service + ".log"));
        }
        stack.withArgs("log-shipper", "--log-dir=" + logs, "--logs-index-prefix=it-logs");
        try (WholeStack started = stack.start(Duration.ofSeconds(6))) {
            int exit = CommandRunner.run(new SwarmMain(), "--bots=4", "--ramp-up=1s", "--duration=5s",
                    "--drain-timeout=30s", "--mode-mix=duel=100", "--seed=3", "--queue-timeout=30s",
                    "--player-prefix=logs", "--match-server=127.0.0.1:" + started.matchPort,
                    "--ranking-server=127.0.0.1:" + started.rankingPort, "--report-dir=" + work.resolve("report"));
            assertThat(exit).as("swarm exit status").isZero();

            awaitEveryLineIndexedOnce(es, logs);
            JsonNode services = search(es, """
                    {"size": 0, "aggs": {"services": {"terms": {"field": "service.name"}}}}""");
            List<String> names = new ArrayList<>();
            services.path("aggregations").path("services").path("buckets").forEach(b -> names.add(b.path("key").asText()));
            assertThat(names).containsExactlyInAnyOrderElementsOf(SERVICES);
            JsonNode joined = search(es, """
                    {"size": 1, "query": {"bool": {"filter": [
                      {"term": {"service.name": "game-server"}}, {"exists": {"field": "match_id"}},
                      {"prefix": {"player_id": "logs-"}}]}}}""");
            JsonNode doc = joined.path("hits").path("hits").get(0).path("_source");
            assertThat(doc.path("message").asText()).startsWith("player connected");
            assertThat(doc.path("service.node.name").asText()).isNotBlank();
            assertThat(doc.path("log.level").asText()).isEqualTo("INFO");

            started.process("log-shipper").stop();
            started.process("log-shipper").start();
            awaitEveryLineIndexedOnce(es, logs);
        }
    }

    /** The documents of skirmish-logs-* are exactly the non-blank lines of the files. */
    private void awaitEveryLineIndexedOnce(ElasticsearchEndpoint es, Path logs) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            long lines = 0;
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                    lines += Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
                }
            }
            http.send(HttpRequest.newBuilder(URI.create(es.uri() + "/it-logs-*/_refresh"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            long indexed = search(es, "{\"size\": 0, \"track_total_hits\": true}").path("hits").path("total")
                    .path("value").asLong();
            assertThat(indexed).as("documents in it-logs-* against lines in the log files").isEqualTo(lines);
        });
    }

    private JsonNode search(ElasticsearchEndpoint es, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(es.uri() + "/it-logs-*/_search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
