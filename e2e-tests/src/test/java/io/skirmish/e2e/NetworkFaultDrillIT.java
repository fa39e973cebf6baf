package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skirmish.bots.swarm.SwarmMain;
import io.skirmish.faults.FaultProfile;
import io.skirmish.faults.FaultSchedule;
import io.skirmish.faults.ScheduleRunner;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Network faults under bot load, on real processes behind the fault proxy:
 * <ul>
 *   <li>the whole game is played over a bad link to the game servers: 50±20 ms each way, 5 %
 *       loss, 2 % reordering, 2 % duplication, on UDP and TCP; the stated bound is that it stays
 *       playable: input-to-visible round trip p99 under {@link #RTT_P99_BOUND_MS} ms (in the median
 *       second of play), and no match lost (every formed match ends with its real result, none
 *       aborted);</li>
 *   <li>mid-run, the services' link to Redis is partitioned for 5 s (the game servers' for 2 s,
 *       under their 3 s heartbeat TTL) and healed, later every Redis connection is cut: each
 *       service reconnects by itself (ready again, matches formed and results applied after the
 *       heal), and nothing is lost or doubled (the final read of {@link RunLedger}).</li>
 * </ul>
 */
@Tag("drill")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NetworkFaultDrillIT {

    /** Two hops of 50±20 ms, one tick (33 ms) of quantisation, a lost snapshot or two, a busy shared box. */
    static final long RTT_P99_BOUND_MS = 400;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // each service's log stays for a post-mortem
    Path work;

    @Test
    void gameStaysPlayableOverABadLinkAndServicesReconnectToRedisAfterAPartition() throws Exception {
        try (ChaosStack stack = new ChaosStack(work, Duration.ofSeconds(15));
             UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(stack.directRedisUrl()), "drill",
                     Duration.ofSeconds(5))) {
            stack.addGameServer("gs-a");
            stack.addGameServer("gs-b");
            RecoveryProbes probes = new RecoveryProbes(stack, redis);
            stack.gameLink.apply(ChaosStack.BAD_GAME_LINK);
            Path reportDir = work.resolve("swarm");
            CompletableFuture<Integer> swarm = CompletableFuture.supplyAsync(() -> CommandRunner.run(new SwarmMain(),
                    "--bots=24", "--ramp-up=4s", "--duration=50s", "--drain-timeout=60s",
                    "--mode-mix=duel=50,squad=30,ffa=20", "--seed=23", "--party-share=0.3", "--idle-share=0",
                    "--reconnect-share=0", "--misbehave-share=0", "--queue-timeout=60s", "--rank-timeout=60s",
                    "--player-prefix=net", "--match-server=127.0.0.1:" + stack.matchPort(),
                    "--ranking-server=127.0.0.1:" + stack.rankingPort(), "--report-dir=" + reportDir));

            // A partition, healed: every service finds Redis again by itself.
            await().atMost(Duration.ofSeconds(60)).until(() -> sequenceOf(redis) >= 2);
            FaultSchedule partition = new FaultSchedule()
                    .partition(Duration.ZERO, ChaosStack.GAME_REDIS_PARTITION, "game servers to redis",
                            stack.gameRedisLink)
                    .partition(Duration.ZERO, Duration.ofSeconds(5), "services to redis", stack.redisLink);
            ScheduleRunner runner = new ScheduleRunner(partition, SystemNanoClock.INSTANCE, SystemEpochClock.INSTANCE);
            runner.startThread("partition", 20);
            await().atMost(Duration.ofSeconds(30)).until(runner::done);
            long healNs = System.nanoTime();
            var afterPartition = probes.endToEnd();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(afterPartition::getAsBoolean);
            report("redis-partition", "5 s partition (game servers 2 s): working end to end %d ms after the heal",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healNs));

            // Every connection to Redis reset at once.
            stack.redisLink.cutConnections();
            stack.gameRedisLink.cutConnections();
            long cutNs = System.nanoTime();
            var afterCut = probes.endToEnd();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(afterCut::getAsBoolean);
            report("redis-cut", "every Redis connection reset: working end to end %d ms later",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutNs));

            swarm.get(5, TimeUnit.MINUTES);
            stack.gameLink.apply(FaultProfile.NONE);
            JsonNode report;
            try (var files = Files.list(reportDir)) {
                report = new ObjectMapper().readTree(files.filter(p -> p.toString().endsWith(".json"))
                        .findFirst().orElseThrow().toFile());
            }
            RunLedger ledger = RunLedger.settle(redis, stack.elasticsearchUri());
            RunLedger.Counts counts = ledger.counts();
            report("bad-game-link", "%s: rtt ms %s, median of the per-second p99 %.0f ms, matches formed %d ended %d "
                    + "aborted %d, errors %s, totals %s", ChaosStack.BAD_GAME_LINK, report.path("rtt_ms"),
                    medianOfSecondlyP99(report), counts.formed(), counts.ended(), counts.aborted(),
                    report.path("errors"), report.path("totals"));

            assertThat(ledger.problems()).as("losses and duplicates").isEmpty();
            assertThat(counts.formed()).as("matches formed").isGreaterThanOrEqualTo(6);
            assertThat(counts.aborted()).as("matches lost to the network (aborted)").isZero();
            assertThat(counts.appliedOnce()).as("results applied").isPositive();
            assertThat(medianOfSecondlyP99(report)).as("median over the seconds of play of the input-to-visible "
                    + "p99 (ms); per second: %s", secondlyP99(report)).isPositive().isLessThan(RTT_P99_BOUND_MS);
        }
    }

    /**
     * The bound is judged per second of play, on the median second: on two cores shared with
     * other builds, a few seconds in which the whole test JVM is starved of CPU (the swarm then
     * reports {@code bot_ticks_skipped}) say nothing about the link, and must not decide.
     */
    static double medianOfSecondlyP99(JsonNode report) {
        List<Double> perSecond = secondlyP99(report);
        return perSecond.isEmpty() ? 0 : perSecond.stream().sorted().toList().get(perSecond.size() / 2);
    }

    static List<Double> secondlyP99(JsonNode report) {
        List<Double> perSecond = new ArrayList<>();
        for (JsonNode second : report.path("timeline")) {
            if (second.path("rtt_p99_ms").isNumber() && second.path("rtt_p99_ms").asDouble() > 0) {
                perSecond.add(second.path("rtt_p99_ms").asDouble());
            }
        }
        return perSecond;
    }

    private static long sequenceOf(UnifiedJedis redis) {
        String seq = redis.get("skirmish:{rk}:seq");
        return seq == null ? 0 : Long.parseLong(seq);
    }

    private static void report(String drill, String format, Object... args) {
        System.out.println("DRILL " + drill + ": " + String.format(format, args));
    }
}
