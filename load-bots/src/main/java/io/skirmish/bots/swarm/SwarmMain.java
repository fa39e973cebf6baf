package io.skirmish.bots.swarm;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.skirmish.bots.metrics.ElasticsearchProbe;
import io.skirmish.bots.metrics.PrometheusProbe;
import io.skirmish.bots.metrics.RedisProbe;
import io.skirmish.bots.metrics.SelfProbe;
import io.skirmish.bots.metrics.ServiceProbe;
import io.skirmish.bots.report.HtmlReportWriter;
import io.skirmish.bots.report.JsonReportWriter;
import io.skirmish.bots.report.Slo;
import io.skirmish.bots.report.SloResult;
import io.skirmish.bots.report.SwarmReport;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.ops.MeterRegistries;
import io.skirmish.kit.ops.OpsServer;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.UnifiedJedis;

/**
 * The bot swarm's command line: plays the real game through match-server, game-server and
 * ranking-server with thousands of bots from one process, prints a progress line every second,
 * writes a JSON and an HTML report, and exits 1 when a {@code --slo} threshold is missed (2 on a
 * bad flag).
 */
@Command(name = "skirmish-swarm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Bots that log in, queue, play whole matches over TCP + UDP and read their rank, "
                + "then report latency percentiles and pass/fail thresholds.")
public final class SwarmMain implements Callable<Integer> {

    /** Exit status when the run completed but missed a threshold. */
    public static final int EXIT_SLO_MISSED = 1;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--bots", defaultValue = "100", description = "Simulated players (default: ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--ramp-up", defaultValue = "10s", description = "Time over which bots start (default: ${DEFAULT-VALUE}).")
    Duration rampUp;

    @Option(names = "--duration", defaultValue = "60s",
            description = "How long bots keep queueing, ramp-up included (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "0s",
            description = "Leave the first part of the run out of the figures: JIT warm-up of every process "
                    + "(default: ${DEFAULT-VALUE}). Figures always end when queueing stops.")
    Duration warmup;

    @Option(names = "--drain-timeout", defaultValue = "60s",
            description = "Then, how long matches in progress may take to finish (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--mode-mix", defaultValue = ModeMix.DEFAULT,
            description = "Weights of the modes, mode=weight,... (default: ${DEFAULT-VALUE}).")
    String modeMix;

    @Option(names = "--regions", split = ",", defaultValue = "local",
            description = "Regions to queue in, round robin over crews (default: ${DEFAULT-VALUE}).")
    List<String> regions;

    @Option(names = "--match-server", defaultValue = "127.0.0.1:7600",
            description = "Match-server client address host:port (default: ${DEFAULT-VALUE}).")
    String matchServer;

    @Option(names = "--ranking-server", defaultValue = "127.0.0.1:7720",
            description = "Ranking-server query address host:port (default: ${DEFAULT-VALUE}).")
    String rankingServer;

    @Option(names = "--tick-rate", defaultValue = "30",
            description = "Inputs per second per bot; the game server's tick rate (default: ${DEFAULT-VALUE}).")
    int tickRateHz;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "2", description = "Event-loop threads for all bots (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--party-share", defaultValue = "0.3",
            description = "Share of squad bots queueing as parties of 2-3 (default: ${DEFAULT-VALUE}).")
    double partyShare;

    @Option(names = "--idle-share", defaultValue = "0.05", description = "Share of bots that stand still (default: ${DEFAULT-VALUE}).")
    double idleShare;

    @Option(names = "--reconnect-share", defaultValue = "0.05",
            description = "Share of bots that drop and reconnect once per match (default: ${DEFAULT-VALUE}).")
    double reconnectShare;

    @Option(names = "--misbehave-share", defaultValue = "0.02",
            description = "Share of bots that flood and send bad datagrams (default: ${DEFAULT-VALUE}).")
    double misbehaveShare;

    @Option(names = "--queue-timeout", defaultValue = "120s",
            description = "A bot leaves the queue and counts an error after waiting this long (default: ${DEFAULT-VALUE}).")
    Duration queueTimeout;

    @Option(names = "--rank-timeout", defaultValue = "15s",
            description = "How long after a match a bot waits for its new rating (default: ${DEFAULT-VALUE}).")
    Duration rankTimeout;

    @Option(names = "--player-prefix", description = "Player id prefix (default: bot-<run stamp>).")
    String playerPrefix;

    @Option(names = "--slo", description = "Pass/fail threshold, repeatable: rtt-p50|rtt-p99|ttm-p50|ttm-p99|rank-p99=<ms|s>, "
            + "error-rate=<n%%>, matches-per-s=<n>. A miss exits " + EXIT_SLO_MISSED + ".")
    List<String> slos = new ArrayList<>();

    @Option(names = "--service", description = "A service's Prometheus endpoint to sample, name=url (repeatable): "
            + "CPU per service, game-server tick p99, log-shipper documents/s.")
    Map<String, String> services = new LinkedHashMap<>();

    @Option(names = "--redis-url", description = "The stack's Redis, for its CPU time (optional).")
    String redisUrl;

    @Option(names = "--elasticsearch-url", description = "The stack's Elasticsearch, for its CPU time and the "
            + "match events indexed per second (optional).")
    String elasticsearchUrl;

    @Option(names = "--tls-trust", description = "PEM certificates (CA or the servers' own) to trust: connect to "
            + "match-, game- and ranking-server over TLS. Without it, plaintext (servers started with --dev).")
    Path tlsTrust;

    @Option(names = "--report-dir", defaultValue = "target/swarm", description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--ops-port", defaultValue = "-1",
            description = "Serve /metrics, /health and /ready on this port (0: any free port, -1: none; default: ${DEFAULT-VALUE}).")
    int opsPort;

    @Option(names = "--command-line", defaultValue = "", description = "The command to print in the report (scripts pass their own).")
    String commandLine;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new SwarmMain(), args));
    }

    SwarmConfig config(String stamp) {
        List<Slo> parsedSlos = slos.stream().map(Slo::parse).toList();
        return new SwarmConfig(bots, new RunSchedule(rampUp, duration, warmup, drainTimeout),
                ModeMix.parse(modeMix), regions,
                SwarmConfig.Address.parse("match-server", matchServer),
                SwarmConfig.Address.parse("ranking-server", rankingServer), tickRateHz, seed, threads,
                new BotShares(partyShare, idleShare, reconnectShare, misbehaveShare), queueTimeout, rankTimeout,
                playerPrefix == null ? "bot-" + stamp : playerPrefix,
                new ReportSettings(reportDir, parsedSlos, services, redisUrl, elasticsearchUrl), tlsTrust);
    }

    @Override
    public Integer call() throws Exception {
        String stamp = STAMP.format(Instant.now());
        SwarmConfig config = config(stamp);
        Files.createDirectories(config.report().reportDir());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<ServiceProbe> probes = new ArrayList<>(List.of(new SelfProbe()));
        config.report().services().forEach((name, url) -> probes.add(new PrometheusProbe(name, uri("service", url), http)));
        UnifiedJedis redis = config.report().redisUrl() == null ? null
                : RedisConnector.open(RedisAddress.parse(config.report().redisUrl()), "swarm", Duration.ofSeconds(2));
        if (redis != null) {
            probes.add(new RedisProbe(redis));
        }
        if (config.report().elasticsearchUrl() != null) {
            probes.add(new ElasticsearchProbe(uri("elasticsearch-url", config.report().elasticsearchUrl()), http));
        }
        SwarmStats stats = new SwarmStats();
        Swarm swarm = new Swarm(config, probes, System.out, SystemNanoClock.INSTANCE, SystemEpochClock.INSTANCE);
        System.out.printf("swarm: %d bots against match-server %s, ranking-server %s; ramp-up %s, duration %s%n",
                config.bots(), config.match(), config.ranking(), config.schedule().rampUp(), config.schedule().duration());
        SwarmReport report;
        try (OpsServer ignored = opsServer(stats)) {
            report = swarm.run(commandLine.isEmpty() ? "skirmish-swarm " + String.join(" ", specifiedArgs()) : commandLine,
                    stats);
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
        Path json = config.report().reportDir().resolve("swarm-" + stamp + ".json");
        Path html = config.report().reportDir().resolve("swarm-" + stamp + ".html");
        JsonReportWriter.write(report, json);
        HtmlReportWriter.write(report, html);
        System.out.println(Summary.text(report));
        System.out.println("markdown: " + Summary.MARKDOWN_HEADER);
        System.out.println("markdown: " + Summary.markdownRow(report));
        printLeaderboards(config);
        System.out.println("report: " + html.toAbsolutePath());
        System.out.println("report (JSON): " + json.toAbsolutePath());
        for (SloResult slo : report.slos()) {
            System.out.println((slo.met() ? "met     " : "MISSED  ") + slo.slo().describe() + " (actual "
                    + io.skirmish.bots.report.Figures.format(slo.actual()) + ")");
        }
        return report.slosMet() ? 0 : EXIT_SLO_MISSED;
    }

    /** The top of each played mode's board, read back from the ranking-server: what the run left behind. */
    private static void printLeaderboards(SwarmConfig config) {
        io.skirmish.kit.net.Transports transport = io.skirmish.kit.net.Transports.best();
        io.netty.channel.EventLoopGroup group = transport.group(1, "leaderboard");
        try (io.skirmish.client.RankingConnection ranking = io.skirmish.client.RankingConnection.connect(
                group, transport, SwarmContext.tls(config), config.ranking().host(), config.ranking().port()).get(10, TimeUnit.SECONDS)) {
            for (var mode : config.modeMix().weights().entrySet()) {
                if (mode.getValue() > 0) {
                    var reply = ranking.top(BoardRefs.season(ModeMix.nameOf(mode.getKey())), 5, 0)
                            .get(10, TimeUnit.SECONDS);
                    System.out.print(reply.hasPage() ? LeaderboardMain.render(reply) : "leaderboard "
                            + ModeMix.nameOf(mode.getKey()) + ": " + reply.getError().getMessage() + "\n");
                }
            }
        } catch (Exception e) {
            System.out.println("leaderboards not readable: " + e);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private List<String> specifiedArgs() {
        return List.of("--bots=" + bots, "--duration=" + duration);
    }

    private OpsServer opsServer(SwarmStats stats) throws java.io.IOException {
        if (opsPort < 0) {
            return null;
        }
        PrometheusMeterRegistry registry = MeterRegistries.prometheus("load-bots", "swarm");
        FunctionCounter.builder("swarm.inputs.sent", stats.inputsSent, a -> a.sum()).register(registry);
        FunctionCounter.builder("swarm.snapshots.received", stats.snapshotsReceived, a -> a.sum()).register(registry);
        FunctionCounter.builder("swarm.errors", stats.errorsTotal, a -> a.sum()).register(registry);
        Gauge.builder("swarm.matches.completed", stats, SwarmStats::matchesCompleted).register(registry);
        return OpsServer.start("127.0.0.1", opsPort, registry, List.of());
    }

    private static URI uri(String key, String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, text, "expected a URL such as http://127.0.0.1:9200");
        }
    }
}
