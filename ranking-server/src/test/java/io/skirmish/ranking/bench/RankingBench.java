package io.skirmish.ranking.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.kit.events.EventStreams;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.ServerMessage;
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
import org.HdrHistogram.Histogram;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/**
 * Benchmark of the ranking-server against one fresh redis-server, next to redis-benchmark's
 * figures for the equivalent raw commands measured in the same run (see docs/performance.md,
 * "ranking-server"). Run with {@code bench/ranking-bench.sh}. Prints a Markdown table.
 *
 * <p>Arguments: [players=1000000] [results=20000] [query seconds=10] [connections=8].
 */
public final class RankingBench {

    private static final Pattern RPS = Pattern.compile("([0-9.]+) requests per second");
    private static final Pattern P50 = Pattern.compile("(?s)avg\\s+min\\s+p50\\s+p95\\s+p99\\s+max\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)");

    private RankingBench() {
    }

    public static void main(String[] args) throws Exception {
        int players = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int results = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        Path work = Files.createTempDirectory("ranking-bench");
        try (RedisServerProcess redisProcess = RedisServerProcess.start(RedisServerConfig.defaults(work))) {
            int port = redisProcess.port();
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
                String sha = redis.scriptLoad(rawApplyScript(), RankingKeys.slotKey());
                List<String> applyCommand = new ArrayList<>(List.of("-r", "100000000", "EVALSHA", sha));
                applyCommand.addAll(List.of(rawApplyKeysAndArgs()));
                String rawApply = redisBenchmark(port, 1, results, applyCommand.toArray(String[]::new));
                rows.add(row("results applied /s (1 consumer, duel/squad/ffa mix, batch 128)", applied,
                        "EVALSHA apply script, duel, 1 client: " + fmt(rps(rawApply)) + " /s", applied / rps(rawApply)));
                System.out.printf("memory after %,d results (markers, ratings, boards): %,d bytes%n", results,
                        afterApply - before - boardBytes);

                // Queries through the ranking-server.
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                RankingConfig base = TestServers.config(address, "bench", false);
                RankingConfig config = new RankingConfig(base.instanceId(), base.bindHost(), 0, 0, address, 1,
                        connections, base.idleTimeout(), false, base.consumer(), base.rating(), base.initialSeason(),
                        base.dailyRetention(), base.weeklyRetention());
                try (RankingServer server = TestServers.start(redis, config, registry)) {
                    BoardRef duel = RankingClient.season("duel", "s1");
                    Measured single = query(server.port(), 1, seconds, client -> client.top(duel, 10, 0));
                    String rawSingle = redisBenchmark(port, 1, 50_000, "ZREVRANGE",
                            RankingKeys.board(new BoardName(Mode.DUEL, BoardName.Stat.RATING), BoardPeriod.SEASON, "s1"),
                            "0", "9", "WITHSCORES");
                    rows.add(row("Top 10 queries /s (1 connection)", single.perSecond, "ZREVRANGE 0 9 WITHSCORES, 1 client: "
                            + fmt(rps(rawSingle)) + " /s, p50 " + p50(rawSingle) + " ms, p99 " + p99(rawSingle) + " ms",
                            single.perSecond / rps(rawSingle)));
                    rows.add("| Top 10 latency p50 / p99 (1 connection) | " + single.latency() + " | | |");
                    // Where the time goes: the same query without TCP (script + Jedis), and the bare script.
                    Measured direct = direct(redis, duel, seconds);
                    String rangeSha = redis.scriptLoad(source("io.skirmish.ranking.board.BoardScripts", "RANGE"),
                            RankingKeys.slotKey());
                    String rawScript = redisBenchmark(port, 1, 50_000, "EVALSHA", rangeSha, "2",
                            RankingKeys.board(new BoardName(Mode.DUEL, BoardName.Stat.RATING), BoardPeriod.SEASON, "s1"),
                            RankingKeys.boardRatings(Mode.DUEL, "s1"), "1", "0", "9");
                    rows.add(row("Top 10 in-process, no TCP (BoardQueries.top, 1 thread)", direct.perSecond,
                            "EVALSHA of the Top script, 1 client: " + fmt(rps(rawScript)) + " /s, p50 " + p50(rawScript)
                                    + " ms", direct.perSecond / rps(rawScript)));
                    rows.add("| in-process latency p50 / p99 | " + direct.latency() + " | | |");
                    Measured top = query(server.port(), connections, seconds, client -> client.top(duel, 10, 0));
                    Measured around = query(server.port(), connections, seconds, client -> client.around(duel,
                            member(ThreadLocalRandom.current().nextInt(players)), 5));
                    String board = RankingKeys.board(new BoardName(Mode.DUEL, BoardName.Stat.RATING), BoardPeriod.SEASON, "s1");
                    String rawTop = redisBenchmark(port, connections, 200_000, "ZREVRANGE", board, "0", "9", "WITHSCORES");
                    String rawRank = redisBenchmark(port, connections, 200_000, "-r", Integer.toString(players),
                            "ZREVRANK", board, "p__rand_int__");
                    // __rand_int__ is zero-padded, which Redis refuses as an index: a fixed middle rank instead.
                    String rawAround = redisBenchmark(port, connections, 200_000, "ZREVRANGE", board,
                            Integer.toString(players / 2 - 5), Integer.toString(players / 2 + 5), "WITHSCORES");
                    rows.add(row("Top 10 queries /s (" + connections + " connections)", top.perSecond,
                            "ZREVRANGE 0 9 WITHSCORES: " + fmt(rps(rawTop)) + " /s, p50 " + p50(rawTop) + " ms, p99 "
                                    + p99(rawTop) + " ms", top.perSecond / rps(rawTop)));
                    rows.add("| Top 10 latency p50 / p99 | " + top.latency() + " | | |");
                    rows.add(row("Around(player, 5) queries /s (" + connections + " connections)", around.perSecond,
                            "ZREVRANK: " + fmt(rps(rawRank)) + " /s; ZREVRANGE of 11 at rank 500,000: "
                                    + fmt(rps(rawAround)) + " /s (Around = both in one script)",
                            around.perSecond / Math.min(rps(rawRank), rps(rawAround))));
                    rows.add("| Around latency p50 / p99 | " + around.latency() + " | | |");
                }
                System.out.printf("%nplayers=%,d results=%,d query seconds=%d connections=%d cores=%d%n", players,
                        results, seconds, connections, Runtime.getRuntime().availableProcessors());
                rows.forEach(System.out::println);
            }
        }
    }

    static String member(int index) {
        // redis-benchmark's __rand_int__ is 12 zero-padded digits: the same members for both.
        return String.format("p%012d", index);
    }

    private static void loadBoard(UnifiedJedis redis, int players) {
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

    private static double applyResults(UnifiedJedis redis, RedisAddress address, int count) throws Exception {
        List<MatchResult> generated = new ResultGenerator(3, 100_000, System.currentTimeMillis() - 3_600_000L)
                .results(count, "bench");
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (MatchResult result : generated) {
                pipeline.xadd(EventStreams.bytes(EventStreams.RESULTS), XAddParams.xAddParams(),
                        EventStreams.resultFields(result.getMatchId(), result.toByteArray()));
            }
            pipeline.sync();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long startNs = System.nanoTime();
        try (RankingServer server = TestServers.start(redis, TestServers.config(address, "bench-consumer", true), registry)) {
            while (!Integer.toString(count).equals(redis.hget(RankingKeys.counters(), "applied"))) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
        double perSecond = count / ((System.nanoTime() - startNs) / 1e9);
        System.out.printf("applied %,d results: %.0f /s%n", count, perSecond);
        return perSecond;
    }

    /** The production apply script with the player's version check against '' (new players). */
    private static String rawApplyScript() {
        try {
            java.lang.reflect.Field source = io.skirmish.ranking.store.LuaScript.class.getDeclaredField("source");
            source.setAccessible(true);
            return (String) source.get(RankingScripts.APPLY);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Measured direct(UnifiedJedis redis, BoardRef board, int seconds) throws Exception {
        io.skirmish.ranking.board.BoardQueries queries = new io.skirmish.ranking.board.BoardQueries(redis,
                new io.skirmish.ranking.board.SeasonDirectory(new io.skirmish.ranking.season.SeasonStore(redis),
                        System::currentTimeMillis, 1_000), java.time.Clock.systemUTC());
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        long count = 0;
        while (true) {
            long startNs = System.nanoTime();
            if (startNs >= end) {
                break;
            }
            queries.top(board, 10, 0);
            if (startNs >= warmupEnd) {
                histogram.recordValue(Math.max(1, (System.nanoTime() - startNs) / 1_000));
                count++;
            }
        }
        return new Measured(count / (double) seconds, histogram);
    }

    private static String source(String className, String field) {
        try {
            java.lang.reflect.Field scriptField = Class.forName(className).getDeclaredField(field);
            scriptField.setAccessible(true);
            Object script = scriptField.get(null);
            java.lang.reflect.Field source = io.skirmish.ranking.store.LuaScript.class.getDeclaredField("source");
            source.setAccessible(true);
            return (String) source.get(script);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
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

    interface Query {
        ServerMessage run(RankingClient client) throws IOException;
    }

    record Measured(double perSecond, Histogram histogram) {
        String latency() {
            return String.format("%.3f / %.3f ms", histogram.getValueAtPercentile(50) / 1e3,
                    histogram.getValueAtPercentile(99) / 1e3);
        }
    }

    private static Measured query(int port, int connections, int seconds, Query query) throws Exception {
        Histogram total = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        List<Thread> threads = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        long[] counts = new long[connections];
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        for (int c = 0; c < connections; c++) {
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
            histograms.add(histogram);
            int index = c;
            Thread thread = new Thread(() -> {
                try (RankingClient client = new RankingClient("127.0.0.1", port)) {
                    while (true) {
                        long startNs = System.nanoTime();
                        if (startNs >= end) {
                            break;
                        }
                        ServerMessage reply = query.run(client);
                        if (reply.hasError()) {
                            throw new IllegalStateException(reply.getError().toString());
                        }
                        long doneNs = System.nanoTime();
                        if (startNs >= warmupEnd) {
                            histogram.recordValue(Math.max(1, (doneNs - startNs) / 1_000));
                            counts[index]++;
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long count = 0;
        for (int c = 0; c < connections; c++) {
            total.add(histograms.get(c));
            count += counts[c];
        }
        return new Measured(count / (double) seconds, total);
    }

    private static String redisBenchmark(int port, int clients, int requests, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("redis-benchmark", "-p", Integer.toString(port), "-c",
                Integer.toString(clients), "-n", Integer.toString(requests), "-q"));
        // -q prints one line; without it we get the latency table too. Use the full output.
        args.remove("-q");
        args.add("--csv");
        args.remove("--csv");
        for (String part : command) {
            args.add(part);
        }
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private static double rps(String output) {
        Matcher m = RPS.matcher(output);
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return last;
    }

    private static String p50(String output) {
        Matcher m = P50.matcher(output);
        return m.find() ? m.group(3) : "?";
    }

    private static String p99(String output) {
        Matcher m = P50.matcher(output);
        return m.find() ? m.group(5) : "?";
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
