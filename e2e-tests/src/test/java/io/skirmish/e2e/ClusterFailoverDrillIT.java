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
import io.skirmish.protocol.contract.RegistryKeys;
import io.skirmish.ranking.store.RankingKeys;
import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.JavaServiceProcess;
import io.skirmish.testkit.process.RedisClusterConfig;
import io.skirmish.testkit.process.RedisClusterProcess;
import io.skirmish.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster master killed under bot load: 3 masters with one replica each, every service on
 * the cluster (game-server, match-server, ranking-server, log-shipper), 24 bots playing. The master
 * serving the {@code {gs}} slot (registry, allocations, match fates) is killed with {@code kill -9};
 * its replica is promoted, and without a restart of any service play goes on: new matches are
 * formed and hosted, results rated, events indexed. The old master comes back as a replica. Then
 * the count: no acknowledged result or event lost, none counted twice.
 */
@ElasticsearchTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("drill")
class ClusterFailoverDrillIT {

    private static final Duration MAX_MATCH = Duration.ofSeconds(12);
    private static final String INDEX_PREFIX = "drill-cluster-events";
    private static final String GS_SLOT_KEY = RegistryKeys.hosting();
    /** Redis's default: shorter ones made a loaded 2-core box flap (a node marked failed while merely slow). */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(5);

    /** Under target/, not a temporary folder: the services' and the nodes' logs stay for a post-mortem. */
    private final Path work = DrillDirs.create("cluster-failover");

    @Test
    void servicesFollowAMasterFailoverAndPlayContinuesWithNothingLost(ElasticsearchEndpoint es) throws Exception {
        RedisClusterConfig config = RedisClusterConfig.defaults(work).withReplicasPerMaster(1)
                .withNodeTimeout(NODE_TIMEOUT);
        try (RedisClusterProcess cluster = RedisClusterProcess.start(config)) {
            String redisUrl = "redis-cluster://" + String.join(",", cluster.endpoint().nodes().stream()
                    .map(Object::toString).toList());
            WholeStack stack = new WholeStack(work, redisUrl, es.uri().toString())
                    .withArgs("log-shipper", "--index-prefix=" + INDEX_PREFIX);
            try (WholeStack started = stack.start(MAX_MATCH);
                 UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(redisUrl), "drill", Duration.ofSeconds(5))) {
                DrillLedger ledger = new DrillLedger(redis);
                List<JavaServiceProcess> services = List.of(started.process("game-server"),
                        started.process("match-server"), started.process("ranking-server"), started.process("log-shipper"));
                Map<JavaServiceProcess, Long> pids = pids(services);
                CompletableFuture<Integer> swarm = DrillSwarm.start(started, work.resolve("report"), "cluster", 23, "45s");

                await().atMost(Duration.ofSeconds(90)).until(() -> ledger.applied() >= 3);
                int slot = JedisClusterCRC16.getSlot(GS_SLOT_KEY);
                RedisServerProcess master = cluster.masterServing(slot);
                DrillReport.line("cluster-failover: key families on the killed master: %s", sharing(cluster, master));
                long appliedBefore = ledger.applied();
                long killedNs = System.nanoTime();
                RedisServerProcess killed = cluster.killMasterServing(slot);
                RedisServerProcess promoted = cluster.awaitPromotion(slot, killed);
                long promotedMs = DrillReport.ms(System.nanoTime() - killedNs);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> ledger.applied() >= appliedBefore + 3);
                long playingMs = DrillReport.ms(System.nanoTime() - killedNs);
                killed.start();
                cluster.awaitHealthy();
                DrillReport.line("cluster-failover: master :%d killed with %d results applied; replica :%d promoted %d ms "
                        + "after the kill; 3 more results applied %d ms after the kill; old master back as a replica",
                        killed.port(), appliedBefore, promoted.port(), promotedMs, playingMs);

                int exit = swarm.get(4, TimeUnit.MINUTES);
                assertThat(exit).as("swarm exit status").isIn(0, 1);
                assertThat(pids(services)).as("no service restarted").isEqualTo(pids);

                List<String> gameMetrics = List.of(started.metricsEndpoints().get("game-server"));
                DrillLedger.Count results = ledger.results(gameMetrics);
                DrillLedger.Count events = ledger.events(gameMetrics, es, INDEX_PREFIX);
                DrillReport.line("cluster-failover count: %s; %s", results, events);
                Map<String, Long> errors = DrillReport.swarmErrors(work.resolve("report"));
                DrillReport.line("cluster-failover: errors the bots saw: %s", errors);
                // The game server never died: none of its matches may be aborted as lost (its registry
                // entry expires while Redis is away; the sweeper must not take that for a death).
                assertThat(ledger.scrape(started.metricsEndpoints().get("match-server"), "match_aborted_total"))
                        .as("matches aborted as server_lost").isZero();
                DrillLedger.assertExact(results);
                DrillLedger.assertExact(events);
                // Joins refused while the slot had no master are retried by the bots; what must not
                // happen is a bot that cannot log in or waits out its queue.
                assertThat(errors).doesNotContainKeys("queue_timeout", "login");
            }
        }
    }


    /** Which of the shared key families live on the master about to be killed. */
    private static String sharing(RedisClusterProcess cluster, RedisServerProcess master) {
        Map<String, String> families = Map.of("{gs} registry", GS_SLOT_KEY, "{rk} ranking", RankingKeys.slotKey(),
                "results stream", EventStreams.RESULTS, "events stream", EventStreams.EVENTS,
                "duel queue", "skirmish:{q:duel:local}:waiting", "squad queue", "skirmish:{q:squad:local}:waiting");
        StringBuilder on = new StringBuilder();
        families.forEach((family, key) -> {
            if (cluster.masterServing(JedisClusterCRC16.getSlot(key)).port() == master.port()) {
                on.append(on.isEmpty() ? "" : ", ").append(family);
            }
        });
        return on.toString();
    }

    private static Map<JavaServiceProcess, Long> pids(List<JavaServiceProcess> services) {
        Map<JavaServiceProcess, Long> pids = new java.util.HashMap<>();
        services.forEach(service -> pids.put(service, service.isRunning() ? service.pid() : -1L));
        return pids;
    }
}
