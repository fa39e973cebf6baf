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
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

/**
 * One of two match-servers behind the real HAProxy ({@code deploy/haproxy/haproxy.cfg} on
 * loopback, {@link HaproxyFront}) is killed with {@code kill -9} while bots queue and play
 * through HAProxy (two ranking-servers behind it too, one game server). The bots' connections to
 * the dead instance drop; they reconnect through HAProxy with backoff, log in again as
 * themselves and find their tickets taken over by the survivor, in their place. Counted: no
 * ticket queued at the kill is lost (each is matched, or still waits under a live owner; none
 * expired, no bot had to join again), matches keep forming, no player is in two matches at once,
 * and no result is lost or applied twice ({@link DrillLedger}). Prints the measured times
 * ({@code DRILL ...} lines).
 */
@Tag("drill")
@RedisTest(flushEachTest = true)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MatchServerFailoverDrillIT {

    private static final Duration MAX_MATCH = Duration.ofSeconds(12);
    private static final String VICTIM = "match-a";
    private static final List<MatchKeys.Queue> QUEUES = List.of(new MatchKeys.Queue(QueueMode.DUEL, "local"),
            new MatchKeys.Queue(QueueMode.SQUAD, "local"));
    /** How long after the kill every ticket it held must be taken over (owner lease 5 s + backoff cap 2 s, with room). */
    private static final Duration RESUME_BOUND = Duration.ofSeconds(20);
    /** How long after the kill new matches must have formed. */
    private static final Duration MATCHING_BOUND = Duration.ofSeconds(30);

    private final Path work = DrillDirs.create("match-failover");

    @Test
    void clientsKeepQueueingAndMatchingWhenOneOfTwoMatchServersIsKilled(RedisEndpoint endpoint) throws Exception {
        String redisUrl = endpoint.uri().toString();
        WholeStack stack = new WholeStack(work, redisUrl, "").withArgs("match-server", "--instance-id=" + VICTIM);
        try (WholeStack started = stack.startServers(MAX_MATCH);
             UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(redisUrl), "drill", Duration.ofSeconds(5))) {
            WholeStack.Replica survivor = started.matchServer("match-server-2", "match-b");
            WholeStack.Replica ranking2 = started.rankingServer("ranking-server-2");
            try (HaproxyFront haproxy = new HaproxyFront(work.resolve("haproxy"), Map.of(
                    "match-server-1", new HaproxyFront.Backend(started.matchPort, started.matchOps),
                    "match-server-2", new HaproxyFront.Backend(survivor.port(), survivor.opsPort()),
                    "ranking-server-1", new HaproxyFront.Backend(started.rankingPort, started.rankingOps),
                    "ranking-server-2", new HaproxyFront.Backend(ranking2.port(), ranking2.opsPort()))).start()) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> haproxy.status().values().stream().allMatch("UP"::equals));
                DrillLedger ledger = new DrillLedger(redis);
                Path report = work.resolve("report");
                CompletableFuture<Integer> swarm = DrillSwarm.start(haproxy.port(7600), haproxy.port(7720), report,
                        "lb", 41, "60s");

                // Kill the victim while bots wait in its queues, once play is under way.
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                        .until(() -> ledger.applied() >= 2 && QueuedTickets.ownedBy(redis, VICTIM).size() > 0);
                QueuedTickets queuedAtKill = QueuedTickets.ownedBy(redis, VICTIM);
                long matchedBefore = counter(redis, "matched");
                long expiredBefore = counter(redis, "expired");
                started.process("match-server").kill();
                long killedNs = System.nanoTime();

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                        .until(() -> haproxy.status().get("match-servers/match-server-1").startsWith("DOWN"));
                long downMs = DrillReport.ms(System.nanoTime() - killedNs);
                await().atMost(RESUME_BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
                    assertThat(queuedAtKill.gone()).as("tickets queued on %s at the kill, deleted since", VICTIM).isEmpty();
                    return queuedAtKill.allTakenOverOrMatched();
                });
                long resumedMs = DrillReport.ms(System.nanoTime() - killedNs);
                await().atMost(MATCHING_BOUND).pollInterval(Duration.ofMillis(100))
                        .until(() -> counter(redis, "matched") >= matchedBefore + 8);
                long matchingMs = DrillReport.ms(System.nanoTime() - killedNs);
                long matchedLater = queuedAtKill.matched();
                long expired = counter(redis, "expired") - expiredBefore;
                DrillReport.line("match-failover: kill -9 of %s with %d tickets queued on it; HAProxy marked it DOWN "
                        + "after %d ms; every one of them taken over by match-b or matched after %d ms; 8 more tickets "
                        + "matched after %d ms; %d of the %d matched by then; tickets expired since the kill: %d",
                        VICTIM, queuedAtKill.size(), downMs, resumedMs, matchingMs, matchedLater, queuedAtKill.size(), expired);
                assertThat(expired).as("tickets expired (owner_gone) since the kill").isZero();

                int exit = swarm.get(4, TimeUnit.MINUTES);
                assertThat(exit).as("swarm exit status").isIn(0, 1);
                DrillLedger.Count results = ledger.results(List.of(started.metricsEndpoints().get("game-server")));
                List<String> twice = ledger.playersInTwoMatchesAtOnce();
                Map<String, Long> totals = DrillReport.swarmTotals(report);
                Map<String, Long> errors = DrillReport.swarmErrors(report);
                DrillReport.line("match-failover count: %s; players in two matches at once: %d; bots: queue connections "
                        + "lost %d, tickets resumed %d, joined again %d, matches completed %d; errors: %s", results,
                        twice.size(), totals.get("queue_connections_lost"), totals.get("tickets_resumed"),
                        totals.get("tickets_joined_again"), totals.get("matches_completed"), errors);
                DrillLedger.assertExact(results);
                assertThat(twice).as("players in two matches at once").isEmpty();
                assertThat(totals.get("queue_connections_lost")).as("bots that lost their queue connection").isPositive();
                assertThat(totals.get("tickets_joined_again")).as("bots whose ticket was gone after the re-login").isZero();
                assertThat(errors).doesNotContainKeys("queue_timeout", "login");
            }
        }
    }

    /** A ticket counter of the queues' stats, summed. */
    private static long counter(UnifiedJedis redis, String name) {
        long total = 0;
        for (MatchKeys.Queue queue : QUEUES) {
            String value = redis.hget(queue.stats(), name);
            total += value == null ? 0 : Long.parseLong(value);
        }
        return total;
    }
}
