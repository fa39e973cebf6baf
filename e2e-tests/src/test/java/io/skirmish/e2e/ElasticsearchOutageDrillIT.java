package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ElasticsearchProcess;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

/**
 * Elasticsearch stopped for 30 s while bots play: the game goes on (events wait in the Redis
 * stream), the log-shipper retries with backoff and, once Elasticsearch is back, catches up; the
 * count finds every event indexed once. The catch-up time is measured from Elasticsearch answering
 * again to every event written before that moment being searchable.
 */
@RedisTest(flushEachTest = true)
@ElasticsearchTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("drill")
class ElasticsearchOutageDrillIT {

    private static final Duration MAX_MATCH = Duration.ofSeconds(12);
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final String INDEX_PREFIX = "drill-es-outage-events";

    private final Path work = DrillDirs.create("es-outage");

    @Test
    void shipperCatchesUpAfterThirtySecondsWithoutElasticsearchAndLosesNothing(RedisEndpoint endpoint,
                                                                               ElasticsearchProcess es) throws Exception {
        String redisUrl = endpoint.uri().toString();
        WholeStack stack = new WholeStack(work, redisUrl, es.endpoint().uri().toString())
                .withArgs("log-shipper", "--index-prefix=" + INDEX_PREFIX);
        try (WholeStack started = stack.start(MAX_MATCH);
             UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(redisUrl), "drill", Duration.ofSeconds(5))) {
            DrillLedger ledger = new DrillLedger(redis);
            CompletableFuture<Integer> swarm = DrillSwarm.start(started, work.resolve("report"), "esout", 31, "45s");

            await().atMost(Duration.ofSeconds(90)).until(() -> ledger.indexedDocs(es.endpoint(), INDEX_PREFIX) >= 100);
            long appliedBefore = ledger.applied();
            long eventsBefore = ledger.entriesAdded(EventStreams.EVENTS);
            long stoppedNs = System.nanoTime();
            es.stop();
            await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(1)).until(() -> true);
            long duringOutage = ledger.entriesAdded(EventStreams.EVENTS) - eventsBefore;
            long resultsDuringOutage = ledger.applied() - appliedBefore;
            es.start();
            long backNs = System.nanoTime();
            long backlog = ledger.distinctEventIds();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> ledger.indexedDocs(es.endpoint(), INDEX_PREFIX) >= backlog);
            DrillReport.line("es-outage: Elasticsearch down %d ms; meanwhile %d events written to the stream and %d "
                    + "results rated (play went on); all %d events written until it was back searchable %d ms after",
                    DrillReport.ms(backNs - stoppedNs), duringOutage, resultsDuringOutage, backlog,
                    DrillReport.ms(System.nanoTime() - backNs));
            assertThat(duringOutage).as("events written while Elasticsearch was down").isPositive();
            assertThat(resultsDuringOutage).as("results rated while Elasticsearch was down").isPositive();

            int exit = swarm.get(4, TimeUnit.MINUTES);
            assertThat(exit).as("swarm exit status").isIn(0, 1);

            List<String> gameMetrics = List.of(started.metricsEndpoints().get("game-server"));
            DrillLedger.Count results = ledger.results(gameMetrics);
            DrillLedger.Count events = ledger.events(gameMetrics, es.endpoint(), INDEX_PREFIX);
            DrillReport.line("es-outage count: %s; %s", results, events);
            Map<String, Long> errors = DrillReport.swarmErrors(work.resolve("report"));
            DrillReport.line("es-outage: errors the bots saw: %s", errors);
            DrillLedger.assertExact(results);
            DrillLedger.assertExact(events);
            assertThat(errors).doesNotContainKeys("queue_timeout", "login");
        }
    }
}
