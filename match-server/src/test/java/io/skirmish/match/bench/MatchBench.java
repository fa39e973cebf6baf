package io.skirmish.match.bench;

import io.netty.channel.EventLoopGroup;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.net.Transports;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.it.FakeGameServers;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.kit.ops.CpuClock;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import io.skirmish.testkit.process.ModuleClasspath;
import org.HdrHistogram.Histogram;
import io.skirmish.kit.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Benchmark of the match-server: tickets arrive at a fixed rate (open loop) over the real match/v1
 * protocol into 1 and into 3 match-server processes sharing one Redis, with fake game servers
 * registered so that every match is allocated. For each instance count it raises the rate step by
 * step and reports tickets/s formed into matches, join and wait latency (p50/p99 from each
 * ticket's scheduled arrival), match quality, and the CPU of Redis, the servers and the
 * generator. Run with {@code bench/match-server.sh}; figures in docs/performance.md.
 */
@Command(name = "match-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Open-loop benchmark of the match-server (1 and 3 instances, rising arrival rates).")
public final class MatchBench implements Callable<Integer> {

    private static final double GOAL_WAIT_P99_MS = 2_000;

    @Option(names = "--instances", defaultValue = "1,3", split = ",",
            description = "Instance counts to measure, in order (default: ${DEFAULT-VALUE}).")
    List<Integer> instanceCounts;

    @Option(names = "--rates", defaultValue = "1000,2000,4000,6000,8000,10000,12000", split = ",",
            description = "Arrival rates in tickets/s, rising (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--warmup", defaultValue = "5s", description = "Arrivals before measuring (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--measure", defaultValue = "15s", description = "Measure window per step (default: ${DEFAULT-VALUE}).")
    Duration measure;

    @Option(names = "--fleet-warmup", defaultValue = "30s",
            description = "Unreported load at the first rate after the servers start, so that steps measure "
                    + "compiled code (default: ${DEFAULT-VALUE}).")
    Duration fleetWarmup;

    @Option(names = "--fleet-warmup-rate", defaultValue = "1000",
            description = "Tickets/s of the fleet warm-up (default: ${DEFAULT-VALUE}). Cold JVMs (three of them on two "
                    + "cores) serve far less than warm ones: warmed at a high rate, they build a backlog the first "
                    + "measured step inherits.")
    int fleetWarmupRate;

    @Option(names = "--drain", defaultValue = "10s",
            description = "Longest wait after the last arrival for measured tickets to match (default: ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(names = "--regions", defaultValue = "eu,na,asia", split = ",",
            description = "Regions (weights 5:3:2 over the first three) (default: ${DEFAULT-VALUE}).")
    List<String> regions;

    @Option(names = "--game-servers-per-region", defaultValue = "3",
            description = "Fake game servers registered per region (default: ${DEFAULT-VALUE}).")
    int gameServersPerRegion;

    @Option(names = "--connections", defaultValue = "4",
            description = "Client connections per instance at a time (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--players-per-connection", defaultValue = "500",
            description = "Players one client connection speaks for before it is replaced (default: ${DEFAULT-VALUE}).")
    int playersPerConnection;

    @Option(names = "--client-threads", defaultValue = "2",
            description = "Event-loop threads of the load generator (default: ${DEFAULT-VALUE}).")
    int clientThreads;

    @Option(names = "--stop-after-misses", defaultValue = "2",
            description = "Next instance count after this many rising steps in a row miss (default: ${DEFAULT-VALUE}).")
    int stopAfterMisses;

    @Option(names = "--server-jvm", defaultValue = "-Xms256m -Xmx1g -XX:+UseG1GC",
            description = "JVM options of each match-server (default: ${DEFAULT-VALUE}).")
    String serverJvm;

    @Option(names = "--server-opts", defaultValue = "", description = "Extra match-server flags, space-separated.")
    String serverOpts;

    @Option(names = "--redis-nice",
            description = "Renice the redis-server to this level once started (negative needs root). Redis is the one "
                    + "resource every instance shares: starved of CPU by the JVMs around it, it stalls them all.")
    Integer redisNice;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the arrival mix (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "target/bench", description = "Folder for the report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--command-line", defaultValue = "", description = "The command to print in the report.")
    String commandLine;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new MatchBench(), args));
    }

    /** One measured step. */
    record Row(int instances, int rate, double matchedPerSecond, double matchedPlayersPerSecond, Histogram joinLatency,
               Histogram waitLatency, Map<QueueMode, Histogram> waitByMode, long measured, long matched, long failed,
               Map<String, Long> errors, Histogram quality, Map<QueueMode, Histogram> qualityByMode, Histogram late,
               double redisCores, double serverCores, double generatorCores, double machineCores,
               double redisCommandsPerTicket, String load, String redisTime, String redisCalls) {

        boolean holds() {
            return matchedPerSecond >= 0.95 * rate && failed <= measured / 100 && waitLatency.getTotalCount() > 0
                    && ms(waitLatency.getValueAtPercentile(99)) <= GOAL_WAIT_P99_MS;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (rates.stream().anyMatch(rate -> rate < 1)) {
            throw new ConfigException("rates", rates, "ticket rates of at least 1 per second");
        }
        if (fleetWarmupRate < 1) {
            throw new ConfigException("fleet-warmup-rate", fleetWarmupRate, "at least 1 ticket per second");
        }
        Path root = Path.of("").toAbsolutePath();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path work = root.resolve("target/bench/match-run-" + stamp);
        Files.createDirectories(work);
        ServerFleet.Options fleetOptions = new ServerFleet.Options(ModuleClasspath.of(root, "match-server"),
                jvmOptions(), ServerFleet.split(serverOpts), regions);
        List<Row> rows = new ArrayList<>();
        String loadBefore = CpuClock.loadAverage();
        System.out.printf("match-bench: load average before %s; work folder %s%n", loadBefore, work);
        EventLoopGroup group = Transports.best().group(clientThreads, "bench-client");
        AtomicReference<StepRecorder> current = new AtomicReference<>();
        try (RedisServerProcess redisProcess = RedisServerProcess.start(RedisServerConfig.defaults(work));
             UnifiedJedis redis = RedisConnector.open(RedisAddress.parse("redis://127.0.0.1:" + redisProcess.port()),
                     "match-bench", Duration.ofSeconds(30));
             FakeGameServers games = new FakeGameServers(redis, allocation -> {
                 StepRecorder recorder = current.get();
                 if (recorder != null) {
                     recorder.allocated(QueueMode.fromWire(allocation.getMode()), allocation.getQuality(),
                             allocation.getAllocatedAtMs());
                 }
             })) {
            long redisPid = Long.parseLong(redis.info("server").lines().filter(l -> l.startsWith("process_id:"))
                    .findFirst().orElseThrow().substring("process_id:".length()).trim());
            if (redisNice != null) {
                renice(redisPid, redisNice);
            }
            registerGameServers(games);
            String redisUrl = "redis://127.0.0.1:" + redisProcess.port();
            int step = 0;
            for (int instances : instanceCounts) {
                redis.flushAll();
                registerGameServers(games);
                try (ServerFleet fleet = new ServerFleet(instances, redisUrl, fleetOptions, work)) {
                    if (!fleetWarmup.isZero()) {
                        step++;
                        int warmupRate = Math.min(fleetWarmupRate, rates.get(0));
                        System.out.printf("match-bench: warming up %d instance(s) for %s at %,d/s%n", instances,
                                fleetWarmup, warmupRate);
                        step(step, instances, warmupRate, fleet, redis, redisPid, group, games, current, fleetWarmup,
                                Duration.ofSeconds(1));
                        settle(redis);
                    }
                    int misses = 0;
                    for (int rate : rates) {
                        step++;
                        Row row = step(step, instances, rate, fleet, redis, redisPid, group, games, current, warmup,
                                measure);
                        rows.add(row);
                        System.out.println(tableHeader().get(0));
                        System.out.println(format(row));
                        System.out.printf(Locale.ROOT, "Redis commands per matched ticket %.1f: %s%n",
                                row.redisCommandsPerTicket(), row.redisCalls());
                        misses = row.holds() ? 0 : misses + 1;
                        if (misses >= stopAfterMisses) {
                            break;
                        }
                        settle(redis);
                    }
                }
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        String report = report(rows, loadBefore, CpuClock.loadAverage());
        Files.createDirectories(out);
        Path file = out.resolve("match-server-" + stamp + ".md");
        Files.writeString(file, report);
        System.out.println();
        System.out.println(report);
        System.out.println("match-bench: report written to " + file);
        return 0;
    }

    private static void renice(long pid, int level) throws java.io.IOException, InterruptedException {
        Process renice = new ProcessBuilder("renice", "-n", Integer.toString(level), "-p", Long.toString(pid))
                .redirectErrorStream(true).start();
        String output = new String(renice.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        System.out.printf("match-bench: renice redis-server to %d: %s%n", level,
                renice.waitFor() == 0 ? "done" : "failed (" + output + ")");
    }

    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"));
        options.addAll(ServerFleet.split(serverJvm));
        return options;
    }

    private void registerGameServers(FakeGameServers games) {
        for (String region : regions) {
            for (int i = 1; i <= gameServersPerRegion; i++) {
                games.add("gs-" + region + "-" + i, region, 100_000_000, 0.5 + 0.1 * i);
            }
        }
    }

    private Row step(int step, int instances, int rate, ServerFleet fleet, UnifiedJedis redis, long redisPid,
                     EventLoopGroup group, FakeGameServers games, AtomicReference<StepRecorder> current, Duration warmup,
                     Duration measure) throws InterruptedException {
        String prefix = "s" + step + "-";
        seedRatings(redis, new ArrivalMix(seed + step, regions, prefix),
                (int) Math.ceil(rate * (warmup.toMillis() + measure.toMillis()) / 1000.0) + rate);
        OpenLoopLoad load = new OpenLoopLoad(group, fleet.clientPorts(), connections, playersPerConnection);
        StepRecorder recorder = new StepRecorder(Duration.ofMillis(200), warmup, measure);
        current.set(recorder);
        try (CpuWindow cpu = new CpuWindow(recorder.measureStartNs, recorder.measureEndNs, CpuWindow.process(redisPid),
                () -> Arrays.stream(fleet.cpuNs()).sum(), CpuClock::self, CpuClock::machineBusy,
                () -> commandsProcessed(redis))) {
            java.util.concurrent.atomic.AtomicReference<RedisCommandStats> statsStart = new AtomicReference<>();
            java.util.concurrent.atomic.AtomicReference<RedisCommandStats> statsEnd = new AtomicReference<>();
            java.util.concurrent.ScheduledExecutorService statsSampler = java.util.concurrent.Executors
                    .newSingleThreadScheduledExecutor();
            statsSampler.schedule(() -> statsStart.set(RedisCommandStats.read(redis)),
                    recorder.measureStartNs - System.nanoTime(), TimeUnit.NANOSECONDS);
            statsSampler.schedule(() -> statsEnd.set(RedisCommandStats.read(redis)),
                    recorder.measureEndNs - System.nanoTime(), TimeUnit.NANOSECONDS);
            statsSampler.shutdown();
            String label = String.format(Locale.ROOT, "[%dx %,d/s]", instances, rate);
            load.run(recorder, new ArrivalMix(seed + step, regions, prefix), rate, drain, (r, sent) -> System.out.printf(
                    Locale.ROOT, "%s sent %,d joined %,d matched in window %,d failed %,d%n", label, sent,
                    r.joined.sum(), r.matchedInWindow.sum(), r.measuredFailed.sum()));
            games.drainAll();
            current.set(null);
            printSlowCommands(redis);
            statsSampler.awaitTermination(1, TimeUnit.MINUTES);
            boolean stats = statsStart.get() != null && statsEnd.get() != null;
            double perTicket = Math.max(1, recorder.matchedInWindow.sum());
            String redisTime = stats ? statsEnd.get().topSince(statsStart.get(), perTicket, 8) : "n/a";
            String redisCalls = stats ? statsEnd.get().callsPerTicketSince(statsStart.get(), perTicket) : "n/a";
            double seconds = measure.toNanos() / 1e9;
            long matchedInWindow = recorder.matchedInWindow.sum();
            Map<QueueMode, Histogram> qualityByMode = new EnumMap<>(QueueMode.class);
            for (QueueMode mode : QueueMode.values()) {
                qualityByMode.put(mode, recorder.quality(mode));
            }
            return new Row(instances, rate, matchedInWindow / seconds, recorder.matchedPlayersInWindow.sum() / seconds,
                    recorder.joinLatencyUs(), recorder.waitUs(), recorder.waitUsByMode(), recorder.scheduled.sum(),
                    recorder.measuredMatched.sum(), recorder.measuredFailed.sum(), recorder.errorCounts(),
                    recorder.quality(null), qualityByMode, recorder.lateUs(), cpu.cores(0), cpu.cores(1), cpu.cores(2),
                    cpu.cores(3), matchedInWindow == 0 ? Double.NaN
                            : (double) (stats ? statsEnd.get().callsSince(statsStart.get()) : cpu.delta(4)) / matchedInWindow,
                    CpuClock.loadAverage(), redisTime, redisCalls);
        }
    }

    /** Writes the ratings of the first {@code tickets} tickets the mix will produce (the ranking-server's format). */
    private static void seedRatings(UnifiedJedis redis, ArrivalMix mix, int tickets) {
        AbstractPipeline pipeline = redis.pipelined();
        try {
            for (int i = 0; i < tickets; i++) {
                for (ArrivalMix.Rating rating : mix.next(i).players()) {
                    pipeline.hset(MatchKeys.rating(rating.mode(), rating.playerId()), Map.of(
                            "mu", Double.toString(rating.mu()), "sigma", Double.toString(rating.sigma())));
                }
                if (i % 5_000 == 4_999) {
                    pipeline.sync();
                }
            }
            pipeline.sync();
        } finally {
            pipeline.close();
        }
    }

    /** Redis commands (scripts included) that took over 10 ms during the step, then resets the slow log. */
    private static void printSlowCommands(UnifiedJedis redis) {
        try {
            List<?> entries = (List<?>) redis.sendCommand(Protocol.Command.SLOWLOG, "GET", "20");
            for (Object entry : entries) {
                List<?> fields = (List<?>) entry;
                long micros = (Long) fields.get(2);
                if (micros >= 10_000) {
                    List<?> args = (List<?>) fields.get(3);
                    StringBuilder command = new StringBuilder();
                    for (int i = 0; i < Math.min(3, args.size()); i++) {
                        String arg = new String((byte[]) args.get(i), java.nio.charset.StandardCharsets.UTF_8);
                        command.append(arg, 0, Math.min(arg.length(), 48)).append(' ');
                    }
                    System.out.printf(Locale.ROOT, "match-bench: slow Redis command %.1f ms: %s%n", micros / 1000.0,
                            command.toString().trim());
                }
            }
            redis.sendCommand(Protocol.Command.SLOWLOG, "RESET");
        } catch (RuntimeException e) {
            System.out.println("match-bench: slow log unreadable: " + e);
        }
    }

    private static long commandsProcessed(UnifiedJedis redis) {
        try {
            return redis.info("stats").lines().filter(l -> l.startsWith("total_commands_processed:")).findFirst()
                    .map(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).orElse(-1L);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Waits (bounded) until every queue is empty and no claim is open, so steps do not overlap. */
    private void settle(UnifiedJedis redis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            long open = 0;
            for (QueueMode mode : QueueMode.values()) {
                for (String region : regions) {
                    MatchKeys.Queue queue = new MatchKeys.Queue(mode, region);
                    open += redis.zcard(queue.waiting()) + redis.zcard(queue.claims());
                }
            }
            if (open == 0) {
                return;
            }
            Thread.sleep(200);
        }
        System.out.println("match-bench: queues not empty 30 s after the step; going on");
    }

    private static double ms(long us) {
        return us / 1000.0;
    }

    private static String latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.0f / %.0f", ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)));
    }

    private static String quality(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", h.getValueAtPercentile(10) / 1000.0,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0);
    }

    private static List<String> tableHeader() {
        return List.of("| instances | offered tickets/s | matched tickets/s (players/s) | join p50 / p99 ms "
                        + "| wait p50 / p99 / max ms | unmatched | quality p10 / p50 / p90 | load avg | goal |",
                "|---:|---:|---|---|---|---|---|---|---|");
    }

    private static String format(Row row) {
        return String.format(Locale.ROOT, "| %d | %,d | %,.0f (%,.0f) | %s | %s / %.0f | %d of %,d%s | %s | %s | %s |",
                row.instances(), row.rate(), row.matchedPerSecond(), row.matchedPlayersPerSecond(),
                latency(row.joinLatency()), latency(row.waitLatency()), ms(row.waitLatency().getMaxValue()), row.failed(),
                row.measured(), row.errors().isEmpty() ? "" : " " + row.errors(), quality(row.quality()), row.load(),
                row.holds() ? "met" : "missed");
    }

    /** Where the CPU went, per matched ticket, and what that would allow on two cores of our own. */
    private static String costRow(Row row) {
        double tickets = row.matchedPerSecond();
        double redisUs = row.redisCores() * 1e6 / tickets;
        double serverUs = row.serverCores() * 1e6 / tickets;
        double generatorUs = row.generatorCores() * 1e6 / tickets;
        return String.format(Locale.ROOT, "| %d | %,d | %.2f / %.2f / %.2f / %.2f | %.0f / %.0f / %.0f | %.1f | %,.0f | %,.0f |",
                row.instances(), row.rate(), row.redisCores(), row.serverCores(), row.generatorCores(), row.machineCores(),
                redisUs, serverUs, generatorUs, row.redisCommandsPerTicket(), 2e6 / (redisUs + serverUs + generatorUs),
                1e6 / redisUs);
    }

    private String report(List<Row> rows, String loadBefore, String loadAfter) {
        StringBuilder text = new StringBuilder();
        text.append("## match-server benchmark ").append(Instant.now()).append("\n\n");
        text.append("Command: `").append(commandLine.isBlank() ? "bench/match-server.sh" : commandLine).append("`  \n");
        text.append(String.format(Locale.ROOT, "Steps: %s warm-up + %s measured, drain %s; regions %s; %d fake game "
                        + "servers per region; %d connections x %d players per instance; load average before %s, after %s"
                        + "%n%n", warmup, measure, drain, regions, gameServersPerRegion, connections, playersPerConnection,
                loadBefore, loadAfter));
        tableHeader().forEach(line -> text.append(line).append('\n'));
        rows.forEach(row -> text.append(format(row)).append('\n'));
        text.append("\nCPU: cores used during the measure window (Redis / match-servers / load generator / whole "
                + "machine, other people's work included), the same per matched ticket, and what those costs would "
                + "allow with two cores to ourselves, and with one core for Redis alone:\n\n");
        text.append("| instances | offered tickets/s | cores redis / servers / generator / machine | CPU us per ticket "
                + "redis / servers / generator | Redis cmds per ticket | tickets/s on 2 own cores | Redis ceiling "
                + "tickets/s |\n|---:|---:|---|---|---:|---:|---:|\n");
        rows.forEach(row -> text.append(costRow(row)).append('\n'));
        text.append("\nRedis execution time per matched ticket, top commands (INFO commandstats; commands run by "
                + "scripts count in their own line and in evalsha's):\n\n");
        rows.forEach(row -> text.append(String.format(Locale.ROOT, "- %d instance(s), %,d/s: %s%n", row.instances(),
                row.rate(), row.redisTime())));
        text.append("\nRedis commands per matched ticket, by command (INFO commandstats calls over the measure window; "
                + "a script call counts once as evalsha and once more for every command it runs; the column above is "
                + "their sum):\n\n");
        rows.forEach(row -> text.append(String.format(Locale.ROOT, "- %d instance(s), %,d/s: %.1f in all: %s%n",
                row.instances(), row.rate(), row.redisCommandsPerTicket(), row.redisCalls())));
        text.append("\nWait p50 / p99 ms and quality p10 / p50 / p90 per mode:\n\n");
        text.append("| instances | offered tickets/s | duel wait | squad wait | ffa wait | duel quality | squad quality "
                + "| ffa quality | generator late p99 ms |\n|---:|---:|---|---|---|---|---|---|---:|\n");
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "| %d | %,d | %s | %s | %s | %s | %s | %s | %.1f |%n", row.instances(),
                    row.rate(), latency(row.waitByMode().get(QueueMode.DUEL)), latency(row.waitByMode().get(QueueMode.SQUAD)),
                    latency(row.waitByMode().get(QueueMode.FFA)), quality(row.qualityByMode().get(QueueMode.DUEL)),
                    quality(row.qualityByMode().get(QueueMode.SQUAD)), quality(row.qualityByMode().get(QueueMode.FFA)),
                    ms(row.late().getValueAtPercentile(99))));
        }
        text.append('\n');
        for (int instances : instanceCounts) {
            int ceiling = rows.stream().filter(r -> r.instances() == instances && r.holds()).mapToInt(Row::rate).max()
                    .orElse(0);
            text.append(String.format(Locale.ROOT, "Highest rate that met the goals with %d instance(s): %,d tickets/s%n",
                    instances, ceiling));
        }
        return text.toString();
    }
}
