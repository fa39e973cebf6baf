package io.skirmish.bots.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.skirmish.kit.ops.CpuClock;
import io.skirmish.bots.metrics.PrometheusScrape;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.config.DevDefaults;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.token.TokenKeyRing;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.UnifiedJedis;

/**
 * The game-server load benchmark: against a running game server (its own process), for each
 * step of a rising player count, allocates FFA matches through the server's Redis allocation
 * list, connects that many simulated clients over the real protocol, lets them send inputs at
 * the tick rate, measures, and makes them leave. Prints a progress line every second and writes
 * a JSON and an HTML report. {@code bench/game-server.sh} starts Redis and the server and runs
 * this.
 *
 * <p>Every loop is bounded by a deadline; the run ends by itself.
 */
@Command(name = "game-load-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load benchmark of one game server: simulated UDP clients in FFA matches, rising player counts.")
public final class GameLoadBench implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX_CONNECTS_IN_FLIGHT = 256;

    @Option(names = "--redis-url", defaultValue = "redis://127.0.0.1:6379",
            description = "Redis of the game server (default: ${DEFAULT-VALUE}).")
    String redisUrl;

    @Option(names = "--server-id", required = true, description = "Registry id of the game server under test.")
    String serverId;

    @Option(names = "--region", defaultValue = "local", description = "Region written in allocations (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Game server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--tcp-port", description = "Game server TCP port (default: read from its registry entry).")
    Integer tcpPort;

    @Option(names = "--udp-port", description = "Game server UDP port (default: read from its registry entry).")
    Integer udpPort;

    @Option(names = "--ops-port", required = true, description = "Game server /metrics port.")
    int opsPort;

    @Option(names = "--server-pid", defaultValue = "0", description = "Game server process id, for its CPU time (0: not measured).")
    long serverPid;

    @Option(names = "--token-keys", description = "Connect-token keys, id:base64; default: the development key the server also defaults to.")
    String tokenKeys;

    @Option(names = "--steps", split = ",", defaultValue = "500,1000,2000,3000,4000,5000,6000",
            description = "Player counts, one step each, rounded up to whole matches of 8 (default: ${DEFAULT-VALUE}).")
    int[] steps;

    @Option(names = "--tick-rate", defaultValue = "30", description = "Inputs per second per client; must equal the server's tick rate (default: ${DEFAULT-VALUE}).")
    int tickRateHz;

    @Option(names = "--warmup", defaultValue = "5s", description = "Time after the ramp before measuring (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--measure", defaultValue = "20s", description = "Measurement window per step (default: ${DEFAULT-VALUE}).")
    Duration measure;

    @Option(names = "--connect-rate", defaultValue = "2000", description = "New connections per second during a ramp (default: ${DEFAULT-VALUE}).")
    int connectRate;

    @Option(names = "--io-threads", defaultValue = "2", description = "Client event-loop threads (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--stop-after-misses", defaultValue = "2",
            description = "Stop after this many consecutive steps that miss a goal: past the knee more load only "
                    + "measures an overloaded machine (0: run every step; default: ${DEFAULT-VALUE}).")
    int stopAfterMisses;

    @Option(names = "--udp-sockets", defaultValue = "4", description = "Client UDP sockets shared by all players (default: ${DEFAULT-VALUE}).")
    int udpSockets;

    @Option(names = "--out", defaultValue = "target/bench", description = "Report directory (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--floor", description = "File of floor-share lines (UdpFloorBench --role server) measured in the "
            + "same run, reported next to the server's CPU per player-tick.")
    Path floorFile;

    @Option(names = "--command-line", defaultValue = "", description = "The command to print in the report (the script passes its own).")
    String commandLine;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private BenchClients swarm;
    private MatchAllocator allocator;
    private URI metricsUri;
    private String runId;
    private long lastInputs;
    private long lastSnapshots;
    private long lastSampleNs;
    /** Dates the run, the allocations and the tokens, and aligns samples to whole seconds. */
    private final InstantSource wallClock;
    /** Keeps every deadline and step window, and stamps the clients' inputs and snapshots. */
    private final NanoClock nanoClock;

    public GameLoadBench() {
        this(InstantSource.system(), SystemNanoClock.INSTANCE);
    }

    GameLoadBench(InstantSource wallClock, NanoClock nanoClock) {
        this.wallClock = wallClock;
        this.nanoClock = nanoClock;
    }

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new GameLoadBench(), args));
    }

    @Override
    public Integer call() throws Exception {
        if (tickRateHz < 10 || tickRateHz > 128 || ioThreads < 1 || udpSockets < 1 || connectRate < 1
                || steps.length == 0 || Arrays.stream(steps).anyMatch(n -> n < 1)) {
            System.err.println("bad option: tick-rate 10..128, io-threads, udp-sockets, connect-rate, steps all >= 1");
            return CommandRunner.EXIT_USAGE;
        }
        Instant started = wallClock.instant();
        runId = STAMP.format(started);
        metricsUri = URI.create("http://" + host + ":" + opsPort + "/metrics");
        try (UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(redisUrl), "game-load-bench",
                Duration.ofSeconds(2))) {
            allocator = new MatchAllocator(redis, serverId, region,
                    TokenKeyRing.parse(tokenKeys == null ? DevDefaults.CONNECT_KEYS : tokenKeys), Duration.ofMinutes(30), wallClock);
            resolvePorts();
            log("game server %s tcp=%d udp=%d ops=%d pid=%d; client io-threads=%d udp-sockets=%d; steps %s at %d Hz",
                    serverId, tcpPort, udpPort, opsPort, serverPid, ioThreads, udpSockets, Arrays.toString(steps),
                    tickRateHz);
            List<StepResult> results = new ArrayList<>();
            swarm = new BenchClients(host, tcpPort, udpPort, ioThreads, udpSockets, tickRateHz, nanoClock);
            try {
                int misses = 0;
                for (int i = 0; i < steps.length; i++) {
                    StepResult result = runStep(i, steps[i]);
                    results.add(result);
                    misses = result.meetsGoals(tickRateHz) ? 0 : misses + 1;
                    log("step %d/%d done: %d players, tick p99 %.2f ms, overruns %d, latency p99 %.1f ms, CPU server %.2f "
                                    + "client %.2f -> %s", i + 1, steps.length, result.players(), result.tickP99Ms(),
                            result.overruns(), result.latencyP99Ms(), result.serverCpu(), result.clientCpu(),
                            result.meetsGoals(tickRateHz) ? "goals met" : "missed: " + result.failures(tickRateHz));
                    if (stopAfterMisses > 0 && misses >= stopAfterMisses && i + 1 < steps.length) {
                        log("stopping: %d consecutive steps missed the goals; steps not run: %s", misses,
                                Arrays.toString(Arrays.copyOfRange(steps, i + 1, steps.length)));
                        break;
                    }
                }
            } finally {
                swarm.close();
            }
            writeReport(started, results);
        }
        return 0;
    }

    private void resolvePorts() throws InterruptedException {
        long deadline = nanoClock.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (tcpPort == null || udpPort == null) {
            Map<String, String> hash = allocator.serverHash();
            if (hash.containsKey("tcp_port") && hash.containsKey("udp_port")) {
                tcpPort = tcpPort == null ? Integer.parseInt(hash.get("tcp_port")) : tcpPort;
                udpPort = udpPort == null ? Integer.parseInt(hash.get("udp_port")) : udpPort;
                return;
            }
            if (nanoClock.nanoTime() > deadline) {
                throw new IllegalStateException("game server " + serverId + " did not register within 60 s");
            }
            Thread.sleep(200);
        }
    }

    private StepResult runStep(int index, int requested) throws Exception {
        String label = String.format("step %d/%d", index + 1, steps.length);
        int matches = (requested + MatchAllocator.PLAYERS_PER_MATCH - 1) / MatchAllocator.PLAYERS_PER_MATCH;
        int players = matches * MatchAllocator.PLAYERS_PER_MATCH;
        List<BenchPlayer> roster = new ArrayList<>(players);
        for (int m = 0; m < matches; m++) {
            String matchId = "bench-" + runId + "-s" + (index + 1) + "-m" + m;
            List<String> ids = new ArrayList<>();
            for (int slot = 0; slot < MatchAllocator.PLAYERS_PER_MATCH; slot++) {
                ids.add(matchId + "-p" + slot);
            }
            MatchAllocator.Allocated allocated = allocator.allocate(matchId, ids);
            for (int slot = 0; slot < ids.size(); slot++) {
                roster.add(new BenchPlayer(ids.get(slot), matchId, allocated.tokens().get(slot),
                        swarm.laneFor(roster.size())));
            }
        }
        log("%s: %d players in %d FFA matches allocated", label, players, matches);
        resetRates();
        ramp(label, roster);
        waitPlaying(label, roster);
        long warmupEnd = nanoClock.nanoTime() + warmup.toNanos();
        while (nanoClock.nanoTime() < warmupEnd) {
            sleepToNextSecond();
            progress(label + " warmup", roster, null, null);
        }
        StepResult result = measure(label, roster);
        leaveAll(label, roster);
        return result;
    }

    private void ramp(String label, List<BenchPlayer> roster) throws InterruptedException {
        Semaphore inFlight = new Semaphore(MAX_CONNECTS_IN_FLIGHT);
        long start = nanoClock.nanoTime();
        long nextProgress = start + TimeUnit.SECONDS.toNanos(1);
        long deadline = start + TimeUnit.SECONDS.toNanos(30 + roster.size() / Math.max(1, connectRate) * 3L);
        for (int i = 0; i < roster.size(); i++) {
            long due = start + (long) i * 1_000_000_000L / connectRate;
            long now = nanoClock.nanoTime();
            if (due > now) {
                TimeUnit.NANOSECONDS.sleep(due - now);
            }
            if (!inFlight.tryAcquire(Math.max(1, deadline - nanoClock.nanoTime()), TimeUnit.NANOSECONDS)) {
                log("%s: ramp timed out with %d connects in flight", label, MAX_CONNECTS_IN_FLIGHT);
                break;
            }
            swarm.connect(roster.get(i)).whenComplete((player, error) -> inFlight.release());
            if (nanoClock.nanoTime() >= nextProgress) {
                nextProgress += TimeUnit.SECONDS.toNanos(1);
                progress(label + " ramp", roster, null, null);
            }
        }
        while (count(roster, BenchPlayer.State.CONNECTING) > 0 && nanoClock.nanoTime() < deadline) {
            sleepToNextSecond();
            progress(label + " ramp", roster, null, null);
        }
        long failed = count(roster, BenchPlayer.State.FAILED);
        if (failed > 0) {
            roster.stream().filter(p -> p.state == BenchPlayer.State.FAILED).findFirst()
                    .ifPresent(p -> log("%s: %d connects failed, e.g. %s", label, failed, p.failure));
        }
    }

    /** Matches start once their 8 players are in; until then clients only send keepalives. */
    private void waitPlaying(String label, List<BenchPlayer> roster) throws InterruptedException {
        long deadline = nanoClock.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (nanoClock.nanoTime() < deadline && count(roster, BenchPlayer.State.CONNECTED) > 0) {
            sleepToNextSecond();
            progress(label + " start", roster, null, null);
        }
    }

    private StepResult measure(String label, List<BenchPlayer> roster) throws Exception {
        Histogram latency = new Histogram(1, TimeUnit.SECONDS.toMicros(60), 3);
        List<Double> tickP50 = new ArrayList<>();
        List<Double> tickP99 = new ArrayList<>();
        double tickMax = 0;
        double latenessP99 = 0;
        StageSamples stages = new StageSamples();
        Histogram readDelay = new Histogram(1, TimeUnit.SECONDS.toMicros(60), 3);
        sampleLatency(null);
        sampleReadDelay(null);
        swarm.lanes().forEach(lane -> lane.attribution().drainInto(null));
        long clientInputs0 = inputsSent();
        long clientSnapshots0 = snapshotsReceived();
        long late0 = swarm.lanes().stream().mapToLong(UdpLane::lateSends).sum();
        long unsent0 = swarm.lanes().stream().mapToLong(UdpLane::unsent).sum();
        PrometheusScrape before = PrometheusScrape.fetch(http, metricsUri);
        long serverCpu0 = serverPid > 0 ? CpuClock.process(serverPid) : -1;
        long clientCpu0 = CpuClock.self();
        long serverKernel0 = serverPid > 0 ? CpuClock.processKernel(serverPid) : -1;
        long clientKernel0 = CpuClock.selfKernel();
        long machine0 = CpuClock.machineBusy();
        java.util.Set<Integer> clientPorts = swarm.udpPorts();
        long serverDrops0 = SocketDrops.read(java.util.Set.of(udpPort));
        long clientDrops0 = SocketDrops.read(clientPorts);
        long t0 = nanoClock.nanoTime();
        long end = t0 + measure.toNanos();
        int second = 0;
        while (nanoClock.nanoTime() < end) {
            sleepToNextSecond();
            second++;
            PrometheusScrape now = PrometheusScrape.fetch(http, metricsUri);
            double p50 = now.value("game_tick_duration_seconds", "percentile", "50") * 1000;
            double p99 = now.value("game_tick_duration_seconds", "percentile", "99") * 1000;
            tickP50.add(p50);
            tickP99.add(p99);
            tickMax = Math.max(tickMax, now.value("game_tick_duration_seconds", "percentile", "max") * 1000);
            latenessP99 = Math.max(latenessP99, now.value("game_tick_lateness_seconds", "percentile", "99") * 1000);
            stages.add(now);
            sampleReadDelay(readDelay);
            progress(String.format("%s measure %d/%ds", label, second, measure.toSeconds()), roster, latency,
                    String.format(Locale.ROOT, "tick p99 %.2f ms", p99));
        }
        double seconds = (nanoClock.nanoTime() - t0) / 1e9;
        InputAttribution.Window perInput = new InputAttribution.Window();
        swarm.lanes().forEach(lane -> lane.attribution().drainInto(perInput));
        PrometheusScrape after = PrometheusScrape.fetch(http, metricsUri);
        long serverCpu1 = serverPid > 0 ? CpuClock.process(serverPid) : -1;
        long clientCpu1 = CpuClock.self();
        long serverKernel1 = serverPid > 0 ? CpuClock.processKernel(serverPid) : -1;
        long clientKernel1 = CpuClock.selfKernel();
        long machine1 = CpuClock.machineBusy();
        double serverDropsPerS = (SocketDrops.read(java.util.Set.of(udpPort)) - serverDrops0) / seconds;
        double clientDropsPerS = (SocketDrops.read(clientPorts) - clientDrops0) / seconds;
        int players = roster.size();
        log("%s server: inputs accepted %.0f/s, inputs rejected %s, packets rejected %s, snapshots sent %.0f/s, "
                        + "refused by the socket %.0f, stale %.0f; client datagrams refused by the socket %d",
                label, delta(before, after, "game_net_inputs_total") / seconds,
                breakdown(before, after, "game_inputs_rejected_total"),
                breakdown(before, after, "game_net_packets_rejected_total"),
                delta(before, after, "game_snapshots_sent_total") / seconds,
                delta(before, after, "game_net_snapshots_unsent_total"),
                delta(before, after, "game_net_snapshots_stale_total"),
                swarm.lanes().stream().mapToLong(UdpLane::unsent).sum() - unsent0);
        double allocated = delta(before, after, "jvm_memory_allocated_bytes_total");
        if (allocated == 0) {
            allocated = delta(before, after, "jvm_gc_memory_allocated_bytes_total");
        }
        return new StepResult(players,
                players - (int) count(roster, BenchPlayer.State.FAILED) - (int) count(roster, BenchPlayer.State.NEW)
                        - (int) count(roster, BenchPlayer.State.CONNECTING),
                (int) count(roster, BenchPlayer.State.PLAYING), seconds,
                median(tickP50), tickP99.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                median(tickP99), tickMax, latenessP99,
                (long) delta(before, after, "game_tick_overruns_total"),
                (long) delta(before, after, "game_tick_skipped_total"),
                serverCpu0 < 0 || serverCpu1 < 0 ? Double.NaN : (serverCpu1 - serverCpu0) / 1e9 / seconds,
                (clientCpu1 - clientCpu0) / 1e9 / seconds,
                machine0 < 0 ? Double.NaN : (machine1 - machine0) / 1e9 / seconds,
                perSecond(serverKernel0, serverKernel1, seconds), perSecond(clientKernel0, clientKernel1, seconds),
                delta(before, after, "game_net_packets_received_total") / seconds,
                delta(before, after, "game_net_packets_sent_total") / seconds,
                delta(before, after, "game_net_received_bytes_total") / seconds / players,
                delta(before, after, "game_net_sent_bytes_total") / seconds / players,
                allocated / 1e6 / seconds,
                delta(before, after, "jvm_gc_pause_seconds_sum") * 1000,
                (inputsSent() - clientInputs0) / seconds,
                (snapshotsReceived() - clientSnapshots0) / seconds,
                latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(50) / 1000.0,
                latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(99) / 1000.0,
                latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0,
                latency.getTotalCount(),
                (long) delta(before, after, "game_net_packets_rejected_total"),
                (long) (delta(before, after, "game_snapshots_dropped_total")
                        + delta(before, after, "game_net_snapshots_unroutable_total")
                        + delta(before, after, "game_net_snapshots_unsent_total")
                        + delta(before, after, "game_net_snapshots_stale_total")),
                swarm.lanes().stream().mapToLong(UdpLane::lateSends).sum() - late0,
                stages.split(readDelay).withWindow(serverDropsPerS, clientDropsPerS, perInput.split()));
    }

    /** Collects every lane's snapshot read delay since the last call into {@code into} (null: discard). */
    private void sampleReadDelay(Histogram into) {
        for (UdpLane lane : swarm.lanes()) {
            Histogram second = lane.intervalReadDelay();
            if (into != null) {
                into.add(second);
            }
        }
    }

    private void leaveAll(String label, List<BenchPlayer> roster) throws Exception {
        roster.forEach(swarm::leave);
        long deadline = nanoClock.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (nanoClock.nanoTime() < deadline) {
            sleepToNextSecond();
            PrometheusScrape now = PrometheusScrape.fetch(http, metricsUri);
            double matches = now.value("game_matches");
            double connected = now.value("game_players_connected");
            log("%s teardown | server matches %.0f, players connected %.0f", label, matches, connected);
            // Matches still waiting out their join window hold no player: the next step need not wait for them.
            if (connected == 0) {
                return;
            }
        }
        log("%s teardown: server still busy after 30 s, going on", label);
    }

    /** Non-zero deltas of a counter by its {@code reason} tag, e.g. {@code {stale_sequence=12}}. */
    private static String breakdown(PrometheusScrape before, PrometheusScrape after, String name) {
        Map<String, Double> byReason = new java.util.TreeMap<>();
        for (String reason : after.labelValues(name, "reason")) {
            double d = after.value(name, "reason", reason) - before.value(name, "reason", reason);
            if (d > 0) {
                byReason.put(reason, d);
            }
        }
        return byReason.toString();
    }

    /** Cores used between two CPU clock readings in ns; NaN when either is unknown. */
    private static double perSecond(long cpu0, long cpu1, double seconds) {
        return cpu0 < 0 || cpu1 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e9 / seconds;
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name) {
        return after.value(name) - before.value(name);
    }

    private void resetRates() {
        lastInputs = inputsSent();
        lastSnapshots = snapshotsReceived();
        lastSampleNs = nanoClock.nanoTime();
        sampleLatency(null);
    }

    /** Collects every lane's latency since the last call into {@code into} (null: discard). */
    private Histogram sampleLatency(Histogram into) {
        Histogram second = new Histogram(1, TimeUnit.SECONDS.toMicros(60), 3);
        for (UdpLane lane : swarm.lanes()) {
            second.add(lane.intervalLatency());
        }
        if (into != null) {
            into.add(second);
        }
        return second;
    }

    private void progress(String phase, List<BenchPlayer> roster, Histogram measured, String extra) {
        long now = nanoClock.nanoTime();
        double seconds = Math.max(1e-3, (now - lastSampleNs) / 1e9);
        long inputs = inputsSent();
        long snapshots = snapshotsReceived();
        Histogram second = sampleLatency(measured);
        String latency = measured != null && measured.getTotalCount() > 0
                ? String.format(Locale.ROOT, "latency p99 %.1f ms (window)", measured.getValueAtPercentile(99) / 1000.0)
                : second.getTotalCount() > 0
                ? String.format(Locale.ROOT, "latency p99 %.1f ms", second.getValueAtPercentile(99) / 1000.0)
                : "latency p99 -";
        log("%s | connected %d/%d playing %d | inputs/s %.0f snapshots/s %.0f | %s%s", phase,
                count(roster, BenchPlayer.State.CONNECTED) + count(roster, BenchPlayer.State.PLAYING), roster.size(),
                count(roster, BenchPlayer.State.PLAYING), (inputs - lastInputs) / seconds,
                (snapshots - lastSnapshots) / seconds, latency, extra == null ? "" : " | " + extra);
        lastInputs = inputs;
        lastSnapshots = snapshots;
        lastSampleNs = now;
    }

    private long inputsSent() {
        return swarm.lanes().stream().mapToLong(UdpLane::inputsSent).sum();
    }

    private long snapshotsReceived() {
        return swarm.lanes().stream().mapToLong(UdpLane::snapshotsReceived).sum();
    }

    private static long count(List<BenchPlayer> roster, BenchPlayer.State state) {
        long n = 0;
        for (BenchPlayer player : roster) {
            if (player.state == state) {
                n++;
            }
        }
        return n;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private void sleepToNextSecond() throws InterruptedException {
        long now = wallClock.millis();
        Thread.sleep(1000 - now % 1000);
    }

    private void writeReport(Instant started, List<StepResult> results) throws Exception {
        Files.createDirectories(outDir);
        String hostName;
        try {
            hostName = InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            hostName = "localhost";
        }
        BenchReport report = new BenchReport(new BenchReport.Run(started.toString(), hostName,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"), commandLine.isEmpty() ? "game-load-bench" : commandLine,
                tickRateHz, ioThreads, udpSockets, warmup.toMillis() / 1000.0, measure.toMillis() / 1000.0, serverId),
                results, readFloor());
        Path json = outDir.resolve("game-server-" + runId + ".json");
        Path html = outDir.resolve("game-server-" + runId + ".html");
        Path markdown = outDir.resolve("game-server-" + runId + ".md");
        report.writeJson(json);
        report.writeHtml(html);
        Files.writeString(markdown, report.markdownTable() + System.lineSeparator() + report.floorTable()
                + System.lineSeparator() + report.splitTable() + System.lineSeparator() + report.perInputTable());
        System.out.println();
        System.out.print(report.markdownTable());
        System.out.println();
        System.out.print(report.floorTable());
        System.out.println();
        System.out.print(report.splitTable());
        System.out.println();
        System.out.print(report.perInputTable());
        System.out.println();
        System.out.println("knee: " + report.knee());
        System.out.println("report: " + json.toAbsolutePath());
        System.out.println("report: " + html.toAbsolutePath());
        System.out.println("report: " + markdown.toAbsolutePath());
    }

    /** The floor's server share by player count, from {@code --floor}; empty without it. */
    private Map<Integer, FloorShare> readFloor() throws java.io.IOException {
        Map<Integer, FloorShare> shares = new java.util.HashMap<>();
        if (floorFile == null || !Files.exists(floorFile)) {
            return shares;
        }
        for (String line : Files.readAllLines(floorFile)) {
            if (!line.isBlank()) {
                FloorShare share = FloorShare.parse(line);
                shares.put(share.players(), share);
            }
        }
        return shares;
    }

    private static void log(String format, Object... args) {
        System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.format(java.time.LocalTime.now()).substring(0, 8) + " "
                + String.format(Locale.ROOT, format, args));
    }
}
