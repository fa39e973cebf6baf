package io.skirmish.ranking.bench;

import static io.skirmish.ranking.bench.BenchFigures.intArg;
import static io.skirmish.ranking.bench.BenchFigures.loadAverage;
import static io.skirmish.ranking.bench.BenchFigures.median;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.Top;
import io.skirmish.ranking.RankingConfig;
import io.skirmish.ranking.RankingServer;
import io.skirmish.ranking.board.BoardName;
import io.skirmish.ranking.board.BoardPeriod;
import io.skirmish.ranking.it.RankingClient;
import io.skirmish.ranking.it.TestServers;
import io.skirmish.ranking.store.Mode;
import io.skirmish.ranking.store.RankingKeys;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import redis.clients.jedis.UnifiedJedis;

/**
 * The read cache under writes: Top 10 through a ranking-server with the cache off and with it
 * on, next to raw {@code ZREVRANGE 0 9 WITHSCORES} (redis-benchmark) at the same concurrency, all
 * while a consumer applies match results at {@code rate} per second to the same Redis (a
 * {@link ResultFeed} writes them to the stream). During each ranking-server run a
 * {@link FreshnessProbe} writes a new leader every 20 ms and measures how long until Top 10
 * shows it. Rounds rotate the order of the three runs; the table gives medians.
 *
 * <p>Run with {@code bench/ranking-bench.sh cache [players=1000000] [rate=1000] [seconds=5]
 * [connections=8] [rounds=3]}. Prints a Markdown table.
 */
public final class ReadCacheBench {

    private static final long WARMUP_MS = 1_000;
    private static final long PROBE_INTERVAL_MS = 20;

    private ReadCacheBench() {
    }

    /** One round: the three runs' figures. */
    private record Round(RedisBenchmark.Figures raw, Run off, Run on) {
    }

    /** One ranking-server run: the load's figures, the probe's, and results applied per second meanwhile. */
    private record Run(QueryLoad.Measured load, FreshnessProbe.Measured freshness, double appliedPerSecond) {
        @Override
        public String toString() {
            return String.format("%,.0f /s p50 %.3f p99 %.3f ms, freshness p50 %.2f p99 %.2f max %.2f ms "
                            + "(%d of %d first reads), applied %,.0f /s", load.perSecond(), load.p50Ms(), load.p99Ms(),
                    freshness.p50Ms(), freshness.p99Ms(), freshness.maxMs(), freshness.firstReadShowed(),
                    freshness.writes(), appliedPerSecond);
        }
    }

    public static void main(String[] args) throws Exception {
        int players = intArg(args, 0, 1_000_000);
        int rate = intArg(args, 1, 1_000);
        int seconds = intArg(args, 2, 5);
        int connections = intArg(args, 3, 8);
        int rounds = intArg(args, 4, 3);
        Path work = Files.createTempDirectory("ranking-cache-bench");
        try (RedisServerProcess redisProcess = RedisServerProcess.start(RedisServerConfig.defaults(work))) {
            RedisAddress address = RedisAddress.parse("redis://127.0.0.1:" + redisProcess.port());
            RedisBenchmark raw = new RedisBenchmark(redisProcess.port());
            try (UnifiedJedis redis = RedisConnector.open(address, "cache-bench", Duration.ofSeconds(30));
                 UnifiedJedis probeRedis = RedisConnector.open(address, "cache-bench-probe", Duration.ofSeconds(30))) {
                RankingBench.loadBoard(redis, players);
                System.out.printf("loaded %,d players%n", players);
                List<Round> measured = measure(redis, probeRedis, address, raw, rate, seconds, connections, rounds);
                System.out.printf("%nplayers=%,d rate=%d seconds per run=%d connections=%d rounds=%d cores=%d%n",
                        players, rate, seconds, connections, rounds, Runtime.getRuntime().availableProcessors());
                table(measured, connections, rate).forEach(System.out::println);
            }
        }
    }

    private static List<Round> measure(UnifiedJedis redis, UnifiedJedis probeRedis, RedisAddress address,
                                       RedisBenchmark raw, int rate, int seconds, int connections, int rounds)
            throws Exception {
        String boardKey = RankingKeys.board(new BoardName(Mode.DUEL, BoardName.Stat.RATING), BoardPeriod.SEASON, "s1");
        BoardRef duel = RankingClient.season("duel", "s1");
        Supplier<ClientMessage.Builder> top = () -> ClientMessage.newBuilder().setTop(Top.newBuilder().setBoard(duel)
                .setCount(10));
        RankingConfig consumerConfig = TestServers.config(address, "cache-bench-consumer", true).withReadCachePages(0);
        RankingConfig offConfig = TestServers.config(address, "cache-bench-off", false).withReadCachePages(0);
        RankingConfig onConfig = TestServers.config(address, "cache-bench-on", false)
                .withReadCachePages(RankingConfig.DEFAULT_READ_CACHE_PAGES);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<Round> all = new ArrayList<>();
        try (RankingServer consumer = TestServers.start(redis, consumerConfig, new SimpleMeterRegistry());
             RankingServer off = TestServers.start(redis, offConfig, new SimpleMeterRegistry());
             RankingServer on = TestServers.start(redis, onConfig, registry);
             ResultFeed feed = new ResultFeed(redis, rate, 100_000, System::nanoTime).start()) {
            FreshnessProbe probe = new FreshnessProbe(probeRedis, boardKey, duel, System::nanoTime);
            for (RankingServer server : List.of(off, on)) {
                QueryLoad.run(server.port(), connections, 1, 0, 5_000, top); // JIT warm-up, not counted
            }
            long measureMs = seconds * 1_000L;
            for (int round = 0; round < rounds; round++) {
                RedisBenchmark.Figures rawFigures = null;
                Run offRun = null;
                Run onRun = null;
                for (int slot = 0; slot < 3; slot++) {
                    switch ((slot + round) % 3) {
                        case 0 -> rawFigures = raw.run(connections, 1, Math.max(50_000, 40_000L * seconds),
                                "ZREVRANGE", boardKey, "0", "9", "WITHSCORES");
                        case 1 -> offRun = run(redis, off.port(), probe, connections, measureMs, top);
                        default -> onRun = run(redis, on.port(), probe, connections, measureMs, top);
                    }
                }
                all.add(new Round(rawFigures, offRun, onRun));
                System.out.printf("round %d: raw %,.0f /s p50 %.3f p99 %.3f ms | off %s | on %s | load %s%n", round + 1,
                        rawFigures.perSecond(), rawFigures.p50Ms(), rawFigures.p99Ms(), offRun, onRun, loadAverage());
            }
            System.out.printf("results written by the feed: %,d; cache: hits %,.0f misses %,.0f invalidated %,.0f "
                            + "stale %,.0f evicted %,.0f%n", feed.written(),
                    registry.find("ranking.cache.lookups").tag("outcome", "hit").counter().count(),
                    registry.find("ranking.cache.lookups").tag("outcome", "miss").counter().count(),
                    registry.find("ranking.cache.invalidated").counter().count(),
                    registry.find("ranking.cache.stale").counter().count(),
                    registry.find("ranking.cache.evicted").counter().count());
        }
        return all;
    }

    /** The query load and, alongside on its own connection, the freshness probe. */
    private static Run run(UnifiedJedis redis, int port, FreshnessProbe probe, int connections, long measureMs,
                           Supplier<ClientMessage.Builder> top) throws Exception {
        ExecutorService probing = Executors.newSingleThreadExecutor();
        try {
            long appliedBefore = applied(redis);
            long startNs = System.nanoTime();
            Future<FreshnessProbe.Measured> freshness = probing.submit(() -> probe.run(port, WARMUP_MS + measureMs,
                    PROBE_INTERVAL_MS));
            QueryLoad.Measured load = QueryLoad.run(port, connections, 1, WARMUP_MS, measureMs, top);
            FreshnessProbe.Measured probed = freshness.get();
            double appliedPerSecond = (applied(redis) - appliedBefore) / ((System.nanoTime() - startNs) / 1e9);
            return new Run(load, probed, appliedPerSecond);
        } finally {
            probing.shutdownNow();
        }
    }

    private static List<String> table(List<Round> rounds, int connections, int rate) {
        List<String> rows = new ArrayList<>();
        rows.add("| Top 10, " + connections + " connections x 1 in flight, results applied meanwhile | cache off | "
                + "cache on | raw `ZREVRANGE 0 9 WITHSCORES` (redis-benchmark, same run) |");
        rows.add("|---|---|---|---|");
        rows.add(String.format("| queries /s | %,.0f (%.0f %% of raw) | %,.0f (%.0f %% of raw) | %,.0f |",
                median(rounds, r -> r.off().load().perSecond()),
                100 * median(rounds, r -> r.off().load().perSecond() / r.raw().perSecond()),
                median(rounds, r -> r.on().load().perSecond()),
                100 * median(rounds, r -> r.on().load().perSecond() / r.raw().perSecond()),
                median(rounds, r -> r.raw().perSecond())));
        rows.add(String.format("| latency p50 / p99 | %.3f / %.3f ms | %.3f / %.3f ms | %.3f / %.3f ms |",
                median(rounds, r -> r.off().load().p50Ms()), median(rounds, r -> r.off().load().p99Ms()),
                median(rounds, r -> r.on().load().p50Ms()), median(rounds, r -> r.on().load().p99Ms()),
                median(rounds, r -> r.raw().p50Ms()), median(rounds, r -> r.raw().p99Ms())));
        rows.add(String.format("| freshness: write acknowledged to first Top 10 showing it, p50 / p99 / max | "
                        + "%.2f / %.2f / %.2f ms | %.2f / %.2f / %.2f ms | |",
                median(rounds, r -> r.off().freshness().p50Ms()), median(rounds, r -> r.off().freshness().p99Ms()),
                median(rounds, r -> r.off().freshness().maxMs()), median(rounds, r -> r.on().freshness().p50Ms()),
                median(rounds, r -> r.on().freshness().p99Ms()), median(rounds, r -> r.on().freshness().maxMs())));
        rows.add(String.format("| writes the first query after the acknowledgement showed | %.1f %% | %.1f %% | |",
                100 * median(rounds, r -> (double) r.off().freshness().firstReadShowed() / r.off().freshness().writes()),
                100 * median(rounds, r -> (double) r.on().freshness().firstReadShowed() / r.on().freshness().writes())));
        rows.add(String.format("| results applied /s during the run (offered %,d /s) | %,.0f | %,.0f | |", rate,
                median(rounds, r -> r.off().appliedPerSecond()), median(rounds, r -> r.on().appliedPerSecond())));
        return rows;
    }


    private static long applied(UnifiedJedis redis) {
        String applied = redis.hget(RankingKeys.counters(), "applied");
        return applied == null ? 0 : Long.parseLong(applied);
    }


}
