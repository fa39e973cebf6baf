package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.skirmish.bots.swarm.SwarmMain;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.contract.RegistryKeys;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.JavaServiceProcess;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Game-server drills under bot load, on real processes (one match-server, one ranking-server,
 * game servers joining, dying and draining) and a real Redis:
 * <ol>
 *   <li>scale out: a second game server joins while bots play and receives new matches;</li>
 *   <li>{@code kill -9} of a game server mid-match: its matches are aborted (one aborted result
 *       each, no rating), and their players are placed in new matches on the surviving server;</li>
 *   <li>drain: a game server stopped with SIGTERM finishes every match it hosts (real results,
 *       no abort) and exits.</li>
 * </ol>
 * Each phase prints its measured recovery time ({@code DRILL ...} lines, in the Failsafe output).
 */
@RedisTest(flushEachTest = true)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("drill")
class GameServerFailoverDrillIT {

    private static final Duration MAX_MATCH = Duration.ofSeconds(20);
    private static final Duration DRAIN = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void secondServerTakesLoadKilledServersPlayersAreRematchedDrainedServerFinishesItsMatches(RedisEndpoint endpoint)
            throws Exception {
        String redisUrl = endpoint.uri().toString();
        try (WholeStack stack = new WholeStack(work, redisUrl, "").startMatchAndRanking();
             UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(redisUrl), "drill", Duration.ofSeconds(5))) {
            stack.gameServer("gs-a", MAX_MATCH, DRAIN);
            CompletableFuture<Integer> swarm = CompletableFuture.supplyAsync(() -> CommandRunner.run(new SwarmMain(),
                    "--bots=36", "--ramp-up=4s", "--duration=110s", "--drain-timeout=60s", "--mode-mix=duel=50,squad=50",
                    "--seed=17", "--party-share=0.3", "--idle-share=0", "--reconnect-share=0", "--misbehave-share=0",
                    "--queue-timeout=60s", "--rank-timeout=30s", "--player-prefix=drill",
                    "--match-server=127.0.0.1:" + stack.matchPort, "--ranking-server=127.0.0.1:" + stack.rankingPort,
                    "--report-dir=" + work.resolve("report")));

            // 1. Scale out under load.
            await().atMost(Duration.ofSeconds(60)).until(() -> RecoveryProbes.hosted(redis, "gs-a").size() >= 2);
            long joinedNs = System.nanoTime();
            stack.gameServer("gs-b", MAX_MATCH, DRAIN);
            long readyNs = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> !RecoveryProbes.hosted(redis, "gs-b").isEmpty());
            report("scale-out", "second game server ready after %d ms, first match on it %d ms after ready",
                    ms(readyNs - joinedNs), ms(System.nanoTime() - readyNs));

            // 2. kill -9 mid-match.
            await().atMost(Duration.ofSeconds(60)).until(() -> !RecoveryProbes.hosted(redis, "gs-a").isEmpty());
            JavaServiceProcess victim = processNamed(stack, "gs-a");
            Set<String> before = matchIdsOn(redis, "gs-b");
            long killedNs = System.nanoTime();
            victim.kill();
            // Read after the kill: a match that ended between a read and the kill has left the
            // hosted set with its real result and is never aborted; after kill -9 the set is frozen
            // until the sweep (a heartbeat TTL later) takes it.
            Set<String> lost = RecoveryProbes.hosted(redis, "gs-a");
            Map<String, String> lostPlayers = new HashMap<>();
            for (String match : lost) {
                players(redis, match).forEach(player -> lostPlayers.put(player, match));
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    lost.stream().allMatch(match -> "aborted".equals(redis.hget(RegistryKeys.match(match), "state"))));
            long abortedMs = ms(System.nanoTime() - killedNs);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                    rematched(redis, "gs-b", before).containsAll(lostPlayers.keySet()));
            report("kill-9", "%d matches (%d players) on the killed server: all aborted %d ms after the kill, "
                    + "every player in a new match on the other server %d ms after the kill", lost.size(),
                    lostPlayers.size(), abortedMs, ms(System.nanoTime() - killedNs));

            // 3. Drain with SIGTERM: a third server takes the new matches, the drained one finishes its own.
            stack.gameServer("gs-c", MAX_MATCH, DRAIN);
            await().atMost(Duration.ofSeconds(60)).until(() -> !RecoveryProbes.hosted(redis, "gs-b").isEmpty());
            JavaServiceProcess drained = processNamed(stack, "gs-b");
            Set<String> running = new HashSet<>(RecoveryProbes.hosted(redis, "gs-b"));
            long stopNs = System.nanoTime();
            drained.stop();
            // 143 = the JVM's status after SIGTERM once its shutdown hook (the drain) ran; 137 would
            // mean the stop timed out and escalated to SIGKILL.
            assertThat(drained.exitCode()).as("drained game server exit status").isIn(
                    java.util.OptionalInt.of(0), java.util.OptionalInt.of(143));
            Set<String> afterDrain = new HashSet<>(running);
            afterDrain.addAll(matchIdsOn(redis, "gs-b"));
            report("drain", "SIGTERM with %d matches running: exited after %d ms", running.size(),
                    ms(System.nanoTime() - stopNs));
            for (String match : afterDrain) {
                assertThat(redis.hget(RegistryKeys.match(match), "state")).as("fate of %s", match).isEqualTo("ended");
            }

            int exit = swarm.get(4, TimeUnit.MINUTES);
            assertThat(exit).as("swarm exit status").isIn(0, 1);

            // Counts: one result per lost match, each aborted and never rated; drained matches rated.
            Map<String, Integer> results = resultsPerMatch(redis);
            for (String match : lost) {
                assertThat(results.get(match)).as("results of lost match %s", match).isEqualTo(1);
                assertThat(redis.exists("skirmish:{rk}:applied:" + match)).as("lost match %s rated", match).isFalse();
            }
            assertThat(results.values()).as("no match has two results").containsOnly(1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String match : afterDrain) {
                    assertThat(redis.exists("skirmish:{rk}:applied:" + match)).as("drained match %s rated", match)
                            .isTrue();
                }
            });
            assertThat(redis.zcard(RegistryKeys.aborting())).as("aborts left unsettled").isZero();
        }
    }

    private static JavaServiceProcess processNamed(WholeStack stack, String name) {
        return stack.process(name);
    }


    /** Every match id whose fate record names the server. */
    private static Set<String> matchIdsOn(UnifiedJedis redis, String serverId) {
        Set<String> ids = new HashSet<>();
        for (String key : fateKeys(redis)) {
            if (serverId.equals(redis.hget(key, "server"))) {
                ids.add(key.substring(RegistryKeys.match("").length()));
            }
        }
        return ids;
    }

    /** Players of matches on the server that were not there before. */
    private static Set<String> rematched(UnifiedJedis redis, String serverId, Set<String> before) {
        Set<String> players = new HashSet<>();
        for (String match : matchIdsOn(redis, serverId)) {
            if (!before.contains(match)) {
                players.addAll(players(redis, match));
            }
        }
        return players;
    }

    private static List<String> players(UnifiedJedis redis, String match) {
        String slots = redis.hget(RegistryKeys.match(match), "slots");
        List<String> players = new ArrayList<>();
        for (String slot : slots == null ? new String[0] : slots.split(",")) {
            players.add(slot.substring(0, slot.lastIndexOf('=')));
        }
        return players;
    }

    private static List<String> fateKeys(UnifiedJedis redis) {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().match(RegistryKeys.match("*")).count(1_000));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    private static Map<String, Integer> resultsPerMatch(UnifiedJedis redis) {
        Map<String, Integer> counts = new HashMap<>();
        for (StreamEntry entry : redis.xrange(EventStreams.RESULTS, (StreamEntryID) null, (StreamEntryID) null)) {
            counts.merge(entry.getFields().get(EventStreams.FIELD_ID), 1, Integer::sum);
        }
        return counts;
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void report(String drill, String format, Object... args) {
        System.out.println("DRILL " + drill + ": " + String.format(format, args));
    }
}
