package io.skirmish.ranking;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.cli.InstanceIdOptions;
import io.skirmish.kit.cli.OpsPortOptions;
import io.skirmish.kit.cli.ServerOptions;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.DevMode;
import io.skirmish.kit.net.guard.ClientPortOptions;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.kit.lifecycle.Lifecycle;
import io.skirmish.kit.log.LogOptions;
import io.skirmish.kit.ops.DependencyGauge;
import io.skirmish.kit.ops.MeterRegistries;
import io.skirmish.kit.ops.OpsServer;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.kit.redis.StreamTrimOptions;
import io.skirmish.ranking.ingest.ConsumerConfig;
import io.skirmish.ranking.rating.RatingOptions;
import io.skirmish.ranking.rating.cli.RateCommand;
import io.skirmish.ranking.season.SeasonCommand;
import io.skirmish.ranking.season.SeasonInfo;
import io.skirmish.ranking.season.SoftReset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import redis.clients.jedis.UnifiedJedis;

/**
 * The ranking-server process: flags to {@link RankingConfig}, then consume results, serve
 * queries, stop on SIGTERM. Operator subcommands: {@code rate} (one match through the rating
 * model, no Redis) and {@code season} (start a season, list seasons).
 */
@Command(name = "ranking-server", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {RateCommand.class, SeasonCommand.class},
        description = "Skirmish ranking server: applies match results to ratings and leaderboards exactly once, "
                + "answers leaderboard queries over TCP.%n"
                + "Every option can also be set as SKIRMISH_<OPTION> (e.g. SKIRMISH_REDIS_URL) or in the "
                + "properties file named by SKIRMISH_CONFIG.")
public final class RankingServerMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RankingServerMain.class);

    /** Dates the first season and drives the server; the system clock unless a test passes its own. */
    private final Clock wallClock;

    @Mixin
    ServerOptions serverOptions = new ServerOptions();

    @Mixin
    LogOptions logOptions = new LogOptions();

    @Mixin
    StreamTrimOptions streamTrim = new StreamTrimOptions();

    @Mixin
    DevMode dev = new DevMode();

    @Mixin
    ClientPortOptions clientTransport = new ClientPortOptions();

    @Mixin
    InstanceIdOptions instance = new InstanceIdOptions();

    @Option(names = "--port", defaultValue = "7720", description = "Client TCP port for queries (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    OpsPortOptions ops = new OpsPortOptions(7782);

    @Option(names = "--test-cpu-burn", hidden = true,
            description = "Test only: serve POST /test/cpu-burn?seconds=N&threads=K on the ops port, which spins "
                    + "K threads for N seconds (the alert test drives CPU with it). Never in production.")
    boolean testCpuBurn;

    @Option(names = "--io-threads", defaultValue = "1",
            description = "Event-loop threads answering queries, each with one pipelined Redis connection "
                    + "(default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--read-cache-pages", defaultValue = "" + RankingConfig.DEFAULT_READ_CACHE_PAGES,
            description = "Top, Around and Rank answers kept in memory, invalidated by Redis client tracking "
                    + "(RESP3, one extra connection); 0 turns the read cache off (default: ${DEFAULT-VALUE}).")
    int readCachePages;

    @Option(names = "--idle-timeout", defaultValue = "5m",
            description = "Close a client connection silent this long (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--consume", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Consume skirmish:results; --no-consume runs a query-only instance (default: ${DEFAULT-VALUE}).")
    boolean consume;

    @Option(names = "--group", defaultValue = "ranking", description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--batch-size", defaultValue = "128",
            description = "Results read and applied per round trip, 1..1000 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--claim-idle", defaultValue = "30s",
            description = "Take over results pending this long on another consumer (default: ${DEFAULT-VALUE}).")
    Duration claimIdle;

    @Option(names = "--max-deliveries", defaultValue = "10",
            description = "Deliveries after which a result still refused by conflicting commits goes to "
                    + "skirmish:results:dead, 1..1000 (default: ${DEFAULT-VALUE}).")
    int maxDeliveries;

    @Option(names = "--applied-ttl", defaultValue = "14d",
            description = "How long a match id is remembered as applied (default: ${DEFAULT-VALUE}).")
    Duration appliedTtl;

    @Option(names = "--daily-retention", defaultValue = "8d",
            description = "Keep a daily board this long after its day (default: ${DEFAULT-VALUE}).")
    Duration dailyRetention;

    @Option(names = "--weekly-retention", defaultValue = "35d",
            description = "Keep a weekly board this long after its week (default: ${DEFAULT-VALUE}).")
    Duration weeklyRetention;

    @Option(names = "--season", defaultValue = "s1",
            description = "Season started when none runs yet, e.g. 2026-s1 (default: ${DEFAULT-VALUE}); "
                    + "later seasons start with 'ranking-server season start'.")
    String season;

    @Option(names = "--mu", defaultValue = "25", description = "Rating model: a new player's mean (default: ${DEFAULT-VALUE}).")
    double mu;

    @Option(names = "--sigma", defaultValue = "8.333333333333334",
            description = "Rating model: a new player's deviation (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--beta", defaultValue = "4.166666666666667",
            description = "Rating model: performance noise (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--tau", defaultValue = "0.08333333333333333",
            description = "Rating model: dynamics added to sigma before each match (default: ${DEFAULT-VALUE}).")
    double tau;

    public RankingServerMain() {
        this(Clock.systemUTC());
    }

    RankingServerMain(Clock wallClock) {
        this.wallClock = wallClock;
    }

    public static void main(String[] args) {
        int exitCode = CommandRunner.run(new RankingServerMain(), args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    RankingConfig config() {
        String id = instance.instanceId("ranking");
        RatingOptions rating;
        try {
            rating = RatingOptions.DEFAULTS.withMu(mu).withSigma(sigma).withBeta(beta).withTau(tau);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mu/sigma/beta/tau", mu + "/" + sigma + "/" + beta + "/" + tau, e.getMessage());
        }
        if (!SeasonInfo.isValidId(season)) {
            throw new ConfigException("season", season, "expected 1..32 of [A-Za-z0-9._-]");
        }
        streamTrim.validate();
        ConsumerConfig defaults = ConsumerConfig.defaults(id);
        ConsumerConfig consumer = new ConsumerConfig(group, id, batchSize, defaults.block(), claimIdle,
                claimIdle.dividedBy(4).isZero() ? claimIdle : claimIdle.dividedBy(4), appliedTtl, defaults.maxAttempts(),
                maxDeliveries);
        SeasonInfo initial = new SeasonInfo(season, "", wallClock.millis(),
                new SoftReset(rating.mu(), rating.sigma(), SeasonCommand.DEFAULT_RESET_FACTOR,
                        SeasonCommand.DEFAULT_SIGMA_DELTA));
        return new RankingConfig(id, serverOptions.bindHost(), port, ops.opsPort(), serverOptions.redis(), ioThreads,
                idleTimeout, consume, consumer, rating, initial, dailyRetention, weeklyRetention,
                clientTransport.config(dev, Duration.ZERO, idleTimeout), readCachePages);
    }

    @Override
    public Integer call() throws Exception {
        RankingConfig config = config();
        logOptions.apply("ranking-server", config.instanceId());
        Lifecycle lifecycle = new Lifecycle("ranking-server");
        try {
            PrometheusMeterRegistry registry = MeterRegistries.prometheus("ranking-server", config.instanceId());
            lifecycle.register("metrics", registry::close);
            UnifiedJedis redis = lifecycle.register("redis",
                    RedisConnector.open(config.redis(), "ranking-server-" + config.instanceId(), Duration.ofSeconds(2)));
            DependencyGauge.bind(registry, "redis", RedisConnector.readiness(redis));
            AtomicReference<RankingServer> started = new AtomicReference<>();
            OpsServer ops = lifecycle.register("ops", OpsServer.start(config.bindHost(), config.opsPort(), registry,
                    List.of(RedisConnector.readiness(redis), () -> started.get() == null ? "starting"
                            : started.get().notReadyReason())));
            if (testCpuBurn) {
                ops.enableCpuBurnHook();
            }
            RankingServer server = lifecycle.register("ranking-server",
                    new RankingServer(config, redis, registry, wallClock));
            started.set(server);
            if (config.consume()) {
                lifecycle.register("stream-trim", streamTrim.start(redis, EventStreams.RESULTS, registry));
            }
        } catch (RuntimeException | InterruptedException e) {
            lifecycle.close();
            throw e;
        }
        LOG.info("ranking-server running; SIGTERM stops it");
        lifecycle.closeOnShutdown();
        lifecycle.awaitStopped();
        return 0;
    }
}
