package io.skirmish.ranking.season;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Callable;

import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import redis.clients.jedis.UnifiedJedis;

/**
 * Operator commands for seasons: {@code season start --id 2027-s1 [--reset-factor f]
 * [--sigma-delta d]} and {@code season list}. Starting is atomic with result application (same
 * Redis slot): every result committed afterwards belongs to the new season.
 */
@Command(name = "season", description = "Start a new season or list seasons.",
        subcommands = {SeasonCommand.Start.class, SeasonCommand.ListSeasons.class})
public final class SeasonCommand implements Callable<Integer> {

    public static final double DEFAULT_RESET_FACTOR = 0.5;
    public static final double DEFAULT_SIGMA_DELTA = 2.0;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandRunner.EXIT_USAGE;
    }

    static UnifiedJedis connect(String redisUrl) {
        return RedisConnector.open(RedisAddress.parse(redisUrl), "ranking-season-command", Duration.ofSeconds(5));
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Starts a season: results applied from now on count for it, and each player's first",
                "result in it starts from a soft reset of their latest rating:",
                "  mu' = mu0 + (mu - mu0) * factor,  sigma' = min(sigma + delta, sigma0) (never below sigma).",
                "The previous season's boards stay queryable with its id as period_key.",
                "Exit 0 started, 1 when a season with that id exists already, 2 bad option."})
    static final class Start implements Callable<Integer> {

        @Option(names = "--id", required = true, description = "The new season's id, 1..32 of [A-Za-z0-9._-].")
        String id;

        @Option(names = "--reset-factor", defaultValue = "0.5",
                description = "Share of (mu - mu0) kept, 0..1 (default: ${DEFAULT-VALUE}).")
        double factor;

        @Option(names = "--sigma-delta", defaultValue = "2.0",
                description = "Added to sigma, capped at sigma0, >= 0 (default: ${DEFAULT-VALUE}).")
        double sigmaDelta;

        @Option(names = "--mu", defaultValue = "25", description = "mu0, a new player's mean (default: ${DEFAULT-VALUE}).")
        double mu0;

        @Option(names = "--sigma", defaultValue = "8.333333333333334",
                description = "sigma0, a new player's deviation (default: ${DEFAULT-VALUE}).")
        double sigma0;

        @Option(names = "--redis-url", defaultValue = "redis://127.0.0.1:6379",
                description = "Redis of the ranking-server (default: ${DEFAULT-VALUE}).")
        String redisUrl;

        @Spec
        CommandSpec spec;

        /** Dates the new season; the system clock unless a test passes its own. */
        private final InstantSource wallClock;

        Start() {
            this(InstantSource.system());
        }

        Start(InstantSource wallClock) {
            this.wallClock = wallClock;
        }

        @Override
        public Integer call() {
            SeasonInfo season;
            try {
                season = new SeasonInfo(SeasonInfo.requireValidId(id), "", wallClock.millis(),
                        new SoftReset(mu0, sigma0, factor, sigmaDelta));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("season", id, e.getMessage());
            }
            try (UnifiedJedis redis = connect(redisUrl)) {
                SeasonStore.StartResult result = new SeasonStore(redis).start(season);
                if (!result.started()) {
                    spec.commandLine().getErr().println("season " + id + " exists already (current season: "
                            + result.previousOrCurrent() + ")");
                    return 1;
                }
                spec.commandLine().getOut().println("season " + id + " started"
                        + (result.previousOrCurrent().isEmpty() ? "" : " after " + result.previousOrCurrent())
                        + " (reset factor " + factor + ", sigma delta " + sigmaDelta + ")");
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists seasons, oldest first; '*' marks the running one.")
    static final class ListSeasons implements Callable<Integer> {

        @Option(names = "--redis-url", defaultValue = "redis://127.0.0.1:6379",
                description = "Redis of the ranking-server (default: ${DEFAULT-VALUE}).")
        String redisUrl;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (UnifiedJedis redis = connect(redisUrl)) {
                SeasonStore store = new SeasonStore(redis);
                String current = store.currentId();
                for (String seasonId : store.ids()) {
                    SeasonInfo info = store.info(seasonId);
                    spec.commandLine().getOut().printf("%s %s started %s previous=%s reset factor=%s sigma delta=%s%n",
                            seasonId.equals(current) ? "*" : " ", seasonId, Instant.ofEpochMilli(info.startedMs()),
                            info.previous().isEmpty() ? "-" : info.previous(), info.reset().factor(),
                            info.reset().sigmaDelta());
                }
                return 0;
            }
        }
    }
}
