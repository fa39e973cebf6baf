package io.skirmish.ranking.bench;

import static io.skirmish.ranking.bench.BenchFigures.intArg;
import static io.skirmish.ranking.bench.BenchFigures.loadAverage;
import static io.skirmish.ranking.bench.BenchFigures.median;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.kit.redis.RedisCpuTime;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.ranking.v1.Around;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.Top;
import io.skirmish.ranking.RankingConfig;
import io.skirmish.ranking.RankingServer;
import io.skirmish.ranking.board.BoardName;
import io.skirmish.ranking.board.BoardPeriod;
import io.skirmish.ranking.board.ScoreCodec;
import io.skirmish.ranking.it.RankingClient;
import io.skirmish.ranking.it.ResultGenerator;
import io.skirmish.ranking.it.TestServers;
import io.skirmish.ranking.store.Mode;
import io.skirmish.ranking.store.RankingKeys;
import io.skirmish.ranking.store.RankingScripts;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/**
 * Benchmark of the ranking-server against one fresh redis-server, next to redis-benchmark's
 * figures for the equivalent raw commands measured in the same run (see docs/performance.md,
 * "ranking-server"). Run with {@code bench/ranking-bench.sh}. Prints a Markdown table.
 *
 * <p>Queries: both sides run at the same concurrency, {@code connections} connections each
 * with {@code pipeline} queries in flight ({@link QueryLoad} on one client thread, as
 * redis-benchmark {@code -c connections -P pipeline}). Rounds alternate which side goes
 * first, so a change in the machine's load hits both; the table gives the medians.
 *
 * <p>Arguments: [players=1000000] [results=20000] [seconds per run=5] [connections=8]
 * [pipeline=1] [rounds=3].
 */
public final class RankingBench {

    private static final long WARMUP_MS = 1_000;
    private static final long WARMUP_QUERIES = 100_000;
    private static final int APPLY_WARMUP = 2_000;

    private RankingBench() {
    }

    public static void main(String[] args) throws Exception {
        int players = intArg(args, 0, 1_000_000);
        int results = intArg(args, 1, 20_000);
        int seconds = intArg(args, 2, 5);
        int connections = intArg(args, 3, 8);
        int pipeline = intArg(args, 4, 1);
        int rounds = intArg(args, 5, 3);
        int ioThreads = intArg(args, 6, 1);
        Path work = Files.createTempDirectory("ranking-bench");
        try (RedisServerProcess redisProcess = RedisServerProcess.start(RedisServerConfig.defaults(work))) {
            int port = redisProcess.port();
            RedisBenchmark raw = new RedisBenchmark(port);
            RedisAddress address = RedisAddress.parse("redis://127.0.0.1:" + port);
            try (UnifiedJedis redis = RedisConnector.open(address, "ranking-bench", Duration.ofSeconds(30))) {
                List<String> rows = new ArrayList<>();
                rows.add("| measure | ranking-server | raw Redis (redis-benchmark, same run) | ratio |");
                rows.add("|---|---|---|---|");
                long before = usedMemory(redis);
                long loadNs = System.nanoTime();
                loadBoard(redis, players);
                double loadS = (System.nanoTime() - loadNs) / 1e9;
                long boardBytes = usedMemory(redis) - before;
                System.out.printf("loaded %,d players in %.1f s; board + ratings hash use %,d bytes%n", players, loadS,
                        boardBytes);

                // Results applied per second, one consumer, stream filled beforehand.
                double applied = applyResults(redis, address, results);
                long afterApply = usedMemory(redis);
                String sha = redis.scriptLoad(RankingScripts.APPLY.source(), RankingKeys.slotKey());
                List<String> applyCommand = new ArrayList<>(List.of("-r", "100000000", "EVALSHA", sha));
                applyCommand.addAll(List.of(rawApplyKeysAndArgs()));
                RedisBenchmark.Figures rawApply = raw.run(1, 1, results, applyCommand.toArray(String[]::new));
                rows.add(row("results applied /s (1 consumer, duel/squad/ffa mix, batch 128)", applied,
                        "EVALSHA apply script, duel, 1 client: " + fmt(rawApply.perSecond()) + " /s",
                        applied / rawApply.perSecond()));
                System.out.printf("memory after %,d results (markers, ratings, boards): %,d bytes%n", results,
                        afterApply - before - boardBytes);

                rows.addAll(queries(redis, address, raw, players, seconds, connections, pipeline, rounds, ioThreads));
                System.out.printf("%nplayers=%,d results=%,d seconds per run=%d connections=%d pipeline=%d rounds=%d "
                        + "io-threads=%d cores=%d%n", players, results, seconds, connections, pipeline, rounds, ioThreads,
                        Runtime.getRuntime().availableProcessors());
                rows.forEach(System.out::println);
            }
        }
    }

    /** Top 10 and Around(player, 5) through the ranking-server next to the raw commands, in alternating rounds. */
    private static List<String> queries(UnifiedJedis redis, RedisAddress address, RedisBenchmark raw, int players,
                                        int seconds, int connections, int pipeline, int rounds, int ioThreads)
            throws Exception {
        String board = RankingKeys.board(new BoardName(Mode.DUEL, BoardName.Stat.RATING), BoardPeriod.SEASON, "s1");
        String ratings = RankingKeys.boardRatings(Mode.DUEL, "s1");
        // The reads of each query as raw commands, the one the goal names first. __rand_int__ is
        // zero-padded, which Redis refuses as an index: Around's range is at a fixed middle rank.
        String[] rawTop = {"ZREVRANGE", board, "0", "9", "WITHSCORES"};
        List<String> topRatings = new ArrayList<>(List.of("HMGET", ratings));
        topRatings.addAll(redis.zrevrange(board, 0, 9));
        String[] rawRange = {"ZREVRANGE", board, Integer.toString(players / 2 - 5), Integer.toString(players / 2 + 5),
            "WITHSCORES"};
        String[] rawRank = {"-r", Integer.toString(players), "ZREVRANK", board, "p__rand_int__"};
        List<String> aroundRatings = new ArrayList<>(List.of("-r", Integer.toString(players), "HMGET", ratings));
        for (int i = 0; i < 11; i++) {
            aroundRatings.add("p__rand_int__");
        }
        List<String[]> topReads = List.of(rawTop, topRatings.toArray(String[]::new));
        List<String[]> aroundReads = List.of(rawRange, rawRank, aroundRatings.toArray(String[]::new));
        BoardRef duel = RankingClient.season("duel", "s1");
        Supplier<ClientMessage.Builder> top = () -> ClientMessage.newBuilder()
                .setTop(Top.newBuilder().setBoard(duel).setCount(10));
        Supplier<ClientMessage.Builder> around = () -> ClientMessage.newBuilder().setAround(Around.newBuilder()
                .setBoard(duel).setPlayerId(member(ThreadLocalRandom.current().nextInt(players))).setCount(5));
        long measureMs = seconds * 1_000L;
        Map<String, Double> rate = new HashMap<>();
        List<Round> topRounds = new ArrayList<>();
        List<Round> aroundRounds = new ArrayList<>();
        RankingConfig base = TestServers.config(address, "bench", false);
        RankingConfig config = new RankingConfig(base.instanceId(), base.bindHost(), 0, 0, address, ioThreads,
                base.idleTimeout(), false, base.consumer(), base.rating(), base.initialSeason(),
                base.dailyRetention(), base.weeklyRetention());
        try (RankingServer server = TestServers.start(redis, config, new SimpleMeterRegistry())) {
            warmUp(server.port(), connections, pipeline, top);
            warmUp(server.port(), connections, pipeline, around);
            Step<Ours> oursTop = () -> ours(redis, () -> QueryLoad.run(server.port(), connections, pipeline, WARMUP_MS,
                    measureMs, top));
            Step<Ours> oursAround = () -> ours(redis, () -> QueryLoad.run(server.port(), connections, pipeline,
                    WARMUP_MS, measureMs, around));
            for (int round = 0; round < rounds; round++) {
                boolean rawFirst = round % 2 == 0;
                topRounds.add(round(rawFirst, oursTop,
                        () -> timedAll(redis, raw, rate, connections, pipeline, seconds, topReads)));
                aroundRounds.add(round(!rawFirst, oursAround,
                        () -> timedAll(redis, raw, rate, connections, pipeline, seconds, aroundReads)));
                System.out.printf("round %d: top %s | around %s | load %s%n", round + 1, topRounds.get(round),
                        aroundRounds.get(round), loadAverage());
            }
        }
        String at = connections + " connections x " + pipeline + " in flight";
        List<String> rows = new ArrayList<>();
        rows.add(row("Top 10 queries /s (" + at + ")", median(topRounds, r -> r.ours().measured().perSecond()),
                "ZREVRANGE 0 9 WITHSCORES: " + fmt(median(topRounds, r -> r.raw().get(0).figures().perSecond())) + " /s",
                median(topRounds, Round::ratio)));
        rows.add(row("Top 10, against its reads as raw commands one after another", median(topRounds,
                r -> r.ours().measured().perSecond()), "ZREVRANGE 0 9 WITHSCORES, then HMGET of the 10 ratings: "
                + fmt(median(topRounds, Round::sequencePerSecond)) + " /s", median(topRounds, Round::sequenceRatio)));
        rows.add(latencyRow("Top 10", topRounds));
        rows.add(cpuRow("Top 10", topRounds));
        rows.add(row("Around(player, 5) queries /s (" + at + ")", median(aroundRounds, r -> r.ours().measured().perSecond()),
                "ZREVRANGE of 11 at rank " + String.format("%,d", players / 2) + ": "
                        + fmt(median(aroundRounds, r -> r.raw().get(0).figures().perSecond())) + " /s",
                median(aroundRounds, Round::ratio)));
        rows.add(row("Around, against its reads as raw commands one after another", median(aroundRounds,
                r -> r.ours().measured().perSecond()), "ZREVRANK of a random player ("
                + fmt(median(aroundRounds, r -> r.raw().get(1).figures().perSecond())) + " /s), ZREVRANGE of 11, HMGET of "
                + "11 random ratings (" + fmt(median(aroundRounds, r -> r.raw().get(2).figures().perSecond()))
                + " /s): " + fmt(median(aroundRounds, Round::sequencePerSecond)) + " /s",
                median(aroundRounds, Round::sequenceRatio)));
        rows.add(latencyRow("Around", aroundRounds));
        rows.add(cpuRow("Around", aroundRounds));
        return rows;
    }

    /**
     * Runs queries until the JIT has compiled the paths of both sides: {@value #WARMUP_QUERIES}
     * answered queries, or 60 s on a machine too busy for that. Not counted.
     */
    private static void warmUp(int port, int connections, int pipeline, Supplier<ClientMessage.Builder> queries)
            throws Exception {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long answered = 0;
        while (answered < WARMUP_QUERIES && System.nanoTime() < deadlineNs) {
            answered += QueryLoad.run(port, connections, pipeline, 0, 2_000, queries).replies();
        }
        System.out.printf("warm-up: %,d queries%n", answered);
    }

    /** The ranking-server side of one run, with the CPU each query cost the server's loops, Redis and the client. */
    private record Ours(QueryLoad.Measured measured, double serverUs, double redisUs, double clientUs) {
    }

    /** One redis-benchmark run with the CPU Redis spent per request. */
    private record Raw(String command, RedisBenchmark.Figures figures, double redisUs) {
    }

    /**
     * One round of one query: the ranking-server's figures and those of the query's reads as raw
     * commands (the one the goal names first).
     */
    private record Round(Ours ours, List<Raw> raw) {
        /** Against the first raw command alone. */
        double ratio() {
            return ours.measured().perSecond() / raw.get(0).figures().perSecond();
        }

        /** What a client sending all the reads one after another would get: Redis's times add up. */
        double sequencePerSecond() {
            return 1 / raw.stream().mapToDouble(r -> 1 / r.figures().perSecond()).sum();
        }

        double sequenceRatio() {
            return ours.measured().perSecond() / sequencePerSecond();
        }

        double sequenceRedisUs() {
            return raw.stream().mapToDouble(Raw::redisUs).sum();
        }

        @Override
        public String toString() {
            QueryLoad.Measured m = ours.measured();
            StringBuilder text = new StringBuilder(String.format("ours %,.0f /s p50 %.3f p99 %.3f ms cpu server %.1f "
                    + "redis %.1f client %.1f us; raw", m.perSecond(), m.p50Ms(), m.p99Ms(), ours.serverUs(),
                    ours.redisUs(), ours.clientUs()));
            raw.forEach(r -> text.append(String.format(" %,.0f /s p50 %.3f p99 %.3f ms redis %.1f us",
                    r.figures().perSecond(), r.figures().p50Ms(), r.figures().p99Ms(), r.redisUs())));
            return text.append(String.format("; ratio %.0f %%, to the reads in sequence %.0f %%", ratio() * 100,
                    sequenceRatio() * 100)).toString();
        }
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private static Round round(boolean rawFirst, Step<Ours> ours, Step<List<Raw>> raw) throws Exception {
        if (rawFirst) {
            List<Raw> rawFigures = raw.run();
            return new Round(ours.run(), rawFigures);
        }
        Ours measured = ours.run();
        return new Round(measured, raw.run());
    }

    private static Ours ours(UnifiedJedis redis, Step<QueryLoad.Measured> load) throws Exception {
        long serverNs = CpuUse.threadsNs("ranking-");
        long redisNs = RedisCpuTime.usedNanos(redis);
        QueryLoad.Measured measured = load.run();
        double replies = measured.replies();
        return new Ours(measured, (CpuUse.threadsNs("ranking-") - serverNs) / 1e3 / replies,
                (RedisCpuTime.usedNanos(redis) - redisNs) / 1e3 / replies, measured.clientCpuNs() / 1e3 / replies);
    }

    /** redis-benchmark with a request count that lasts about {@code seconds} at the command's last rate. */
    private static Raw timed(UnifiedJedis redis, RedisBenchmark raw, Map<String, Double> rate, int connections,
                             int pipeline, int seconds, String... command) throws Exception {
        String key = String.join(" ", command);
        long requests = Math.max(10_000, (long) (rate.getOrDefault(key, 20_000.0) * seconds));
        long redisNs = RedisCpuTime.usedNanos(redis);
        RedisBenchmark.Figures figures = raw.run(connections, pipeline, requests, command);
        double redisUs = (RedisCpuTime.usedNanos(redis) - redisNs) / 1e3 / requests;
        rate.put(key, figures.perSecond());
        String name = command[0].equals("-r") ? command[2] : command[0];
        return new Raw(name, figures, redisUs);
    }

    private static String cpuRow(String query, List<Round> rounds) {
        return String.format("| %s CPU per query: ranking-server loop + Redis (client) | %.1f + %.1f us (%.1f us) | "
                        + "Redis per %s: %.1f us; per all its reads: %.1f us | |", query,
                median(rounds, r -> r.ours().serverUs()), median(rounds, r -> r.ours().redisUs()),
                median(rounds, r -> r.ours().clientUs()), rounds.get(0).raw().get(0).command(),
                median(rounds, r -> r.raw().get(0).redisUs()), median(rounds, Round::sequenceRedisUs));
    }

    /** Runs each command with redis-benchmark, in order. */
    private static List<Raw> timedAll(UnifiedJedis redis, RedisBenchmark raw, Map<String, Double> rate, int connections,
                                      int pipeline, int seconds, List<String[]> commands) throws Exception {
        List<Raw> all = new ArrayList<>();
        for (String[] command : commands) {
            all.add(timed(redis, raw, rate, connections, pipeline, seconds, command));
        }
        return all;
    }

    private static String latencyRow(String query, List<Round> rounds) {
        int rawIndex = 0;
        return String.format("| %s latency p50 / p99 | %.3f / %.3f ms | %.3f / %.3f ms | |", query,
                median(rounds, r -> r.ours().measured().p50Ms()), median(rounds, r -> r.ours().measured().p99Ms()),
                median(rounds, r -> r.raw().get(rawIndex).figures().p50Ms()),
                median(rounds, r -> r.raw().get(rawIndex).figures().p99Ms()));
    }




    static String member(int index) {
        // redis-benchmark's __rand_int__ is 12 zero-padded digits: the same members for both.
        return String.format("p%012d", index);
    }

    static void loadBoard(UnifiedJedis redis, int players) {
        Random random = new Random(1);
        String board = RankingKeys.board(new BoardName(Mode.DUEL, BoardName.Stat.RATING), BoardPeriod.SEASON, "s1");
        String ratings = RankingKeys.boardRatings(Mode.DUEL, "s1");
        long base = ScoreCodec.EPOCH_MS + 86_400_000L * 700;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            Map<String, Double> zadd = new HashMap<>();
            Map<String, String> hset = new HashMap<>();
            for (int i = 0; i < players; i++) {
                String member = member(i);
                long value = random.nextInt(3_000);
                zadd.put(member, ScoreCodec.encode(value, base + random.nextInt(10_000_000) * 1000L));
                hset.put(member, (25 + value / 100.0) + " " + (1 + random.nextDouble()));
                if (zadd.size() == 5_000) {
                    pipeline.zadd(board, zadd);
                    pipeline.hset(ratings, hset);
                    zadd = new HashMap<>();
                    hset = new HashMap<>();
                }
                if (i % 100_000 == 99_999) {
                    pipeline.sync();
                }
            }
            if (!zadd.isEmpty()) {
                pipeline.zadd(board, zadd);
                pipeline.hset(ratings, hset);
            }
            pipeline.sync();
        }
    }

    /**
     * Results applied per second by one consumer (batch 128, the default) draining a stream filled
     * beforehand. The first {@value #APPLY_WARMUP} results warm the JIT and are not counted.
     */
    private static double applyResults(UnifiedJedis redis, RedisAddress address, int count) throws Exception {
        int total = APPLY_WARMUP + count;
        List<MatchResult> generated = new ResultGenerator(3, 100_000, System.currentTimeMillis() - 3_600_000L)
                .results(total, "bench");
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (MatchResult result : generated) {
                pipeline.xadd(EventStreams.bytes(EventStreams.RESULTS), XAddParams.xAddParams(),
                        EventStreams.resultFields(result.getMatchId(), result.toByteArray()));
            }
            pipeline.sync();
        }
        RankingConfig base = TestServers.config(address, "bench-consumer", true);
        RankingConfig config = new RankingConfig(base.instanceId(), base.bindHost(), 0, 0, address, 1,
                base.idleTimeout(), true, base.consumer().withBatchSize(128), base.rating(), base.initialSeason(),
                base.dailyRetention(), base.weeklyRetention());
        long startNs;
        try (RankingServer server = TestServers.start(redis, config, new SimpleMeterRegistry())) {
            while (applied(redis) < APPLY_WARMUP) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            startNs = System.nanoTime();
            long from = applied(redis);
            while (applied(redis) < total) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            double perSecond = (total - from) / ((System.nanoTime() - startNs) / 1e9);
            System.out.printf("applied %,d results after %,d to warm up: %.0f /s%n", total - from, from, perSecond);
            return perSecond;
        }
    }

    private static long applied(UnifiedJedis redis) {
        String applied = redis.hget(RankingKeys.counters(), "applied");
        return applied == null ? 0 : Long.parseLong(applied);
    }

    /** KEYS and ARGV of one duel between two new random players, as the ranking-server sends them. */
    private static String[] rawApplyKeysAndArgs() {
        BoardName wins = new BoardName(Mode.DUEL, BoardName.Stat.WINS);
        BoardName kills = new BoardName(Mode.DUEL, BoardName.Stat.KILLS);
        List<String> a = new ArrayList<>(List.of("14",
                RankingKeys.PREFIX + "applied:raw:__rand_int__", RankingKeys.currentSeason(), RankingKeys.sequence(),
                RankingKeys.counters(),
                RankingKeys.board(new BoardName(Mode.DUEL, BoardName.Stat.RATING), BoardPeriod.SEASON, "s1"),
                RankingKeys.boardRatings(Mode.DUEL, "s1"),
                RankingKeys.board(wins, BoardPeriod.SEASON, "s1"), RankingKeys.board(wins, BoardPeriod.DAILY, "2026-11-25"),
                RankingKeys.board(wins, BoardPeriod.WEEKLY, "2026-W48"), RankingKeys.board(kills, BoardPeriod.SEASON, "s1"),
                RankingKeys.board(kills, BoardPeriod.DAILY, "2026-11-25"), RankingKeys.board(kills, BoardPeriod.WEEKLY, "2026-W48"),
                RankingKeys.PREFIX + "rating:duel:raw__rand_int__", RankingKeys.PREFIX + "rating:duel:raw__rand_int__",
                "raw:__rand_int__", "s1", "tok", Long.toString(ScoreCodec.timePart(System.currentTimeMillis())),
                "4102444800", "4102444800", "3600", "0", "duel", "2", "payload",
                "raw__rand_int__", "", "27.6", "8.0", "1000", "wins", "1",
                "raw__rand_int__", "", "22.4", "8.0", "900", "losses", "0"));
        return a.toArray(String[]::new);
    }

    private static long usedMemory(UnifiedJedis redis) {
        for (String line : redis.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        return -1;
    }

    private static String row(String measure, double ours, String raw, double ratio) {
        return "| " + measure + " | " + fmt(ours) + " | " + raw + " | " + String.format("%.0f %%", ratio * 100) + " |";
    }

    private static String fmt(double value) {
        return String.format("%,.0f", value);
    }
}
