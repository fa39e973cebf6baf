package io.skirmish.e2e;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import io.skirmish.testkit.process.RedisServerProcess;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import redis.clients.jedis.UnifiedJedis;

/**
 * The reliability count: bots play while a schedule injects every single fault the stack must
 * survive, each in its own window, then everything heals, the stack settles, and one final read
 * ({@link RunLedger}) counts what was lost and what was duplicated, per fault window.
 *
 * <p>Faults, at fixed fractions of the run so a short run has the same shape as a long one:
 * the game servers' link degraded (50±20 ms, 5 % loss, 2 % reordering, 2 % duplication, both
 * ways, TCP and UDP); a game server killed with {@code kill -9} (a new one joins); the services'
 * Redis link partitioned and healed; Redis restarted; Redis killed ({@code kill -9}) and started
 * from its append-only file; the Redis link slow and lossy, then every connection to Redis cut;
 * Elasticsearch stopped and started. On a Redis Cluster ({@link RedisTopology#CLUSTER}) the four
 * Redis faults are replaced by one: the master of the {@code {gs}} slot killed and failed over.
 */
final class ReliabilityCount {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FaultProfile BAD_GAME_LINK = ChaosStack.BAD_GAME_LINK;
    private static final FaultProfile BAD_REDIS_LINK = ChaosStack.BAD_REDIS_LINK;
    private static final Duration GAME_REDIS_PARTITION = ChaosStack.GAME_REDIS_PARTITION;

    /** How long, with how many bots, on what Redis, and where the report goes (null: nowhere). */
    record Settings(Duration duration, int bots, Duration maxMatch, Path docs, String command, RedisTopology redis) {
        Settings(Duration duration, int bots, Duration maxMatch, Path docs, String command) {
            this(duration, bots, maxMatch, docs, command, RedisTopology.SINGLE);
        }
    }

    /** What a run counted. */
    record Outcome(RunLedger ledger, List<FaultWindow> windows, JsonNode swarm, String section) {
    }

    private final Settings settings;
    private final Path work;
    private final List<FaultWindow> windows = new ArrayList<>();

    ReliabilityCount(Path work, Settings settings) {
        this.work = work;
        this.settings = settings;
    }

    Outcome run() throws Exception {
        long runStartMs = System.currentTimeMillis();
        try (ChaosStack stack = new ChaosStack(work, settings.maxMatch(), settings.redis());
             UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(stack.directRedisUrl()), "count",
                     Duration.ofSeconds(5))) {
            stack.addGameServer("gs-a");
            stack.addGameServer("gs-b");
            RecoveryProbes probes = new RecoveryProbes(stack, redis);
            ScheduleRunner runner = new ScheduleRunner(schedule(stack, probes), SystemNanoClock.INSTANCE,
                    SystemEpochClock.INSTANCE);
            Path reportDir = work.resolve("swarm");
            CompletableFuture<Integer> swarm = CompletableFuture.supplyAsync(() -> CommandRunner.run(new SwarmMain(),
                    "--bots=" + settings.bots(), "--ramp-up=" + Math.max(3, settings.duration().toSeconds() / 10) + "s",
                    "--duration=" + settings.duration().toSeconds() + "s", "--drain-timeout=90s",
                    "--mode-mix=duel=40,squad=40,ffa=20", "--seed=7", "--party-share=0.3", "--idle-share=0",
                    "--reconnect-share=0", "--misbehave-share=0", "--queue-timeout=90s", "--rank-timeout=60s",
                    "--player-prefix=count", "--match-server=127.0.0.1:" + stack.matchPort(),
                    "--ranking-server=127.0.0.1:" + stack.rankingPort(), "--report-dir=" + reportDir));
            Thread schedule = runner.startThread("fault-schedule", 50);
            await().atMost(settings.duration().plusMinutes(5)).pollInterval(Duration.ofMillis(250)).until(() -> {
                pollWindows();
                return swarm.isDone();
            });
            // A step may still be running (Elasticsearch takes its time to start): let the schedule finish.
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
                pollWindows();
                return runner.done();
            });
            schedule.join(TimeUnit.SECONDS.toMillis(60));
            // Heal whatever is still broken (a step the schedule did not reach) before the final read.
            stack.gameLink.apply(FaultProfile.NONE);
            stack.redisLink.apply(FaultProfile.NONE);
            stack.gameRedisLink.apply(FaultProfile.NONE);
            stack.startElasticsearch();
            // Each fault has two minutes from the end of play to show it recovered; one that does
            // not stays "not recovered" in the report and fails the test.
            try {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() ->
                        windows.stream().allMatch(w -> !w.ran() || w.poll(System.currentTimeMillis())));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                System.out.println("reliability count: not every fault recovered: " + e.getMessage());
            }
            RunLedger ledger = RunLedger.settle(redis, stack.elasticsearchUri());
            JsonNode report = swarmReport(reportDir);
            String section = ReliabilityReport.section(settings, runStartMs, windows, ledger, report, runner.ran());
            if (settings.docs() != null) {
                ReliabilityReport.writeInto(settings.docs(), section, settings.redis());
            }
            System.out.println(section);
            return new Outcome(ledger, List.copyOf(windows), report, section);
        }
    }

    private void pollWindows() {
        long now = System.currentTimeMillis();
        windows.forEach(w -> w.poll(now));
    }

    private FaultWindow window(String fault) {
        FaultWindow window = new FaultWindow(fault);
        windows.add(window);
        return window;
    }

    /** Longer than the game servers' own, which must stay under their heartbeat TTL. */
    private Duration partitionLength() {
        return Duration.ofMillis(Math.max(4_000, settings.duration().toMillis() / 36));
    }

    private Duration at(double fraction) {
        return Duration.ofMillis((long) (settings.duration().toMillis() * fraction));
    }

    private FaultSchedule schedule(ChaosStack stack, RecoveryProbes probes) {
        FaultSchedule schedule = new FaultSchedule();
        FaultWindow gameLink = window("game-server link " + BAD_GAME_LINK + " (TCP and UDP, both ways)");
        schedule.at(at(0.08), "game link degraded", () -> {
            gameLink.started(System.currentTimeMillis());
            stack.gameLink.apply(BAD_GAME_LINK);
        });
        schedule.at(at(0.25), "game link healed", () -> {
            stack.gameLink.apply(FaultProfile.NONE);
            gameLink.healed(System.currentTimeMillis(), probes.endToEnd());
        });

        FaultWindow kill = window("game server killed (`kill -9`), a new one joins");
        schedule.at(at(0.28), "kill -9 gs-a", () -> {
            probes.awaitHosting("gs-a", Duration.ofSeconds(20));
            kill.started(System.currentTimeMillis());
            stack.gameServer("gs-a").kill();
            kill.healed(System.currentTimeMillis(), probes.settled("gs-a"));
        });
        schedule.at(at(0.30), "start gs-c", () -> stack.addGameServer("gs-c"));

        FaultWindow matchKill = window("one of two match-servers behind HAProxy killed (`kill -9`): its queued "
                + "players log in again on the other and keep their tickets");
        schedule.at(at(0.34), "kill -9 match-a", () -> {
            QueuedTickets queued = probes.queuedOnFirstMatchServer();
            matchKill.started(System.currentTimeMillis());
            stack.killFirstMatchServer();
            matchKill.healed(System.currentTimeMillis(), probes.ticketsTakenOver(queued));
        });

        if (stack.onCluster()) {
            // On a cluster the services reach the nodes directly (no link faults): the Redis fault is a failover.
            FaultWindow failover = window("Redis Cluster master of the `{gs}` slot killed (`kill -9`), its replica "
                    + "promoted, the old master back as a replica");
            schedule.at(at(0.45), "kill -9 redis master of {gs}", () -> {
                failover.started(System.currentTimeMillis());
                RedisServerProcess killed = stack.killRegistryMaster();
                stack.awaitRegistryPromotion(killed);
                failover.healed(System.currentTimeMillis(), probes.endToEnd());
                stack.rejoin(killed);
            });
        } else {
            FaultWindow partition = window("match, ranking and log-shipper to Redis: partition "
                    + partitionLength().toSeconds() + " s; game servers to Redis: partition "
                    + GAME_REDIS_PARTITION.toSeconds() + " s (under the 3 s heartbeat TTL)");
            schedule.at(at(0.42), "redis partition", () -> {
                partition.started(System.currentTimeMillis());
                stack.redisLink.partition();
                stack.gameRedisLink.partition();
            });
            schedule.at(at(0.42).plus(GAME_REDIS_PARTITION), "game servers' redis link healed", stack.gameRedisLink::heal);
            schedule.at(at(0.42).plus(partitionLength()), "redis heal", () -> {
                stack.redisLink.heal();
                partition.healed(System.currentTimeMillis(), probes.endToEnd());
            });

            FaultWindow restart = window("Redis restarted (append-only file)");
            schedule.at(at(0.50), "redis restart", () -> {
                restart.started(System.currentTimeMillis());
                stack.restartRedis();
                restart.healed(System.currentTimeMillis(), probes.endToEnd());
            });

            FaultWindow crash = window("Redis killed (`kill -9`), started again from its append-only file");
            schedule.at(at(0.55), "kill -9 redis", () -> {
                crash.started(System.currentTimeMillis());
                stack.crashRedis();
                crash.healed(System.currentTimeMillis(), probes.endToEnd());
            });

            FaultWindow slow = window("services to Redis " + BAD_REDIS_LINK + ", then every connection cut");
            schedule.at(at(0.60), "redis link slow", () -> {
                slow.started(System.currentTimeMillis());
                stack.redisLink.apply(BAD_REDIS_LINK);
                stack.gameRedisLink.apply(BAD_REDIS_LINK);
            });
            schedule.at(at(0.67), "redis link cut and healed", () -> {
                stack.redisLink.apply(FaultProfile.NONE);
                stack.gameRedisLink.apply(FaultProfile.NONE);
                stack.redisLink.cutConnections();
                stack.gameRedisLink.cutConnections();
                slow.healed(System.currentTimeMillis(), probes.endToEnd());
            });
        }

        FaultWindow elastic = window("Elasticsearch stopped, started again");
        schedule.at(at(0.71), "elasticsearch stop", () -> {
            elastic.started(System.currentTimeMillis());
            stack.stopElasticsearch();
        });
        schedule.at(at(0.71).plus(settings.duration().dividedBy(6)), "elasticsearch start", () -> {
            stack.startElasticsearch();
            elastic.healed(System.currentTimeMillis(), probes.shipperCaughtUp());
        });
        return schedule;
    }

    private static JsonNode swarmReport(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            Path json = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            return JSON.readTree(json.toFile());
        }
    }

    static String seconds(long ms) {
        return ms < 0 ? "not recovered" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static String utc(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

}
