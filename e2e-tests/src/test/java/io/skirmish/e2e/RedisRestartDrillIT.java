package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis restarted under bot load, with the append-only file the stacks run with
 * ({@code appendonly yes}, {@code appendfsync everysec}): every service (game-server,
 * match-server, ranking-server, log-shipper) reconnects by itself and turns ready again, play goes
 * on, and the count finds no acknowledged result or event lost and none applied twice.
 */
@ElasticsearchTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("drill")
class RedisRestartDrillIT {

    private static final Duration MAX_MATCH = Duration.ofSeconds(12);
    private static final Duration DOWN = Duration.ofSeconds(3);
    private static final String INDEX_PREFIX = "drill-restart-events";

    private final Path work = DrillDirs.create("redis-restart");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void everyServiceReconnectsAndNothingAcknowledgedIsLost(ElasticsearchEndpoint es) throws Exception {
        RedisServerConfig aof = RedisServerConfig.defaults(work)
                .withExtraArgs("--appendonly", "yes", "--appendfsync", "everysec");
        try (RedisServerProcess redisServer = RedisServerProcess.start(aof)) {
            String redisUrl = redisServer.endpoint().uri().toString();
            WholeStack stack = new WholeStack(work, redisUrl, es.uri().toString())
                    .withArgs("log-shipper", "--index-prefix=" + INDEX_PREFIX);
            try (WholeStack started = stack.start(MAX_MATCH);
                 UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(redisUrl), "drill", Duration.ofSeconds(5))) {
                DrillLedger ledger = new DrillLedger(redis);
                CompletableFuture<Integer> swarm = DrillSwarm.start(started, work.resolve("report"), "restart", 29, "40s");

                await().atMost(Duration.ofSeconds(90)).until(() -> ledger.applied() >= 3);
                long appliedBefore = ledger.applied();
                long stoppedNs = System.nanoTime();
                redisServer.stop();
                Set<String> unready = new TreeSet<>();
                await().atMost(DOWN.plusSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    started.opsPorts().forEach((service, port) -> {
                        if (!ready(port)) {
                            unready.add(service);
                        }
                    });
                    return System.nanoTime() - stoppedNs >= DOWN.toNanos();
                });
                redisServer.start();
                long startedNs = System.nanoTime();
                Map<String, Long> readyMs = awaitEveryServiceReady(started.opsPorts(), startedNs);
                // The drill's own client finds its pooled connection closed by the restart once, too.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> ledger.applied() >= appliedBefore + 3);
                DrillReport.line("redis-restart: Redis down %d ms (SHUTDOWN, AOF kept) with %d results applied; not ready "
                        + "while it was down: %s; ready again after its start (ms): %s; 3 more results applied %d ms "
                        + "after its start", DrillReport.ms(startedNs - stoppedNs), appliedBefore, unready, readyMs,
                        DrillReport.ms(System.nanoTime() - startedNs));

                int exit = swarm.get(4, TimeUnit.MINUTES);
                assertThat(exit).as("swarm exit status").isIn(0, 1);

                List<String> gameMetrics = List.of(started.metricsEndpoints().get("game-server"));
                DrillLedger.Count results = ledger.results(gameMetrics);
                DrillLedger.Count events = ledger.events(gameMetrics, es, INDEX_PREFIX);
                DrillReport.line("redis-restart count: %s; %s", results, events);
                Map<String, Long> errors = DrillReport.swarmErrors(work.resolve("report"));
                DrillReport.line("redis-restart: errors the bots saw: %s", errors);
                // The game server never died: none of its matches may be aborted as lost (its registry
                // entry expires while Redis is away; the sweeper must not take that for a death).
                assertThat(ledger.scrape(started.metricsEndpoints().get("match-server"), "match_aborted_total"))
                        .as("matches aborted as server_lost").isZero();
                DrillLedger.assertExact(results);
                DrillLedger.assertExact(events);
                assertThat(errors).doesNotContainKeys("queue_timeout", "login");
            }
        }
    }

    /** Polls every service's /ready until it answers 200; returns how long each took after {@code sinceNs}. */
    private Map<String, Long> awaitEveryServiceReady(Map<String, Integer> opsPorts, long sinceNs) {
        Map<String, Long> readyMs = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            opsPorts.forEach((service, port) -> {
                if (!readyMs.containsKey(service) && ready(port)) {
                    readyMs.put(service, DrillReport.ms(System.nanoTime() - sinceNs));
                }
            });
            return readyMs.size() == opsPorts.size();
        });
        return readyMs;
    }

    private boolean ready(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
