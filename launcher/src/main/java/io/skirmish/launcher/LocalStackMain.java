package io.skirmish.launcher;

import io.skirmish.kit.config.DurationConverter;
import io.skirmish.testkit.process.MissingPrerequisiteException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The local stack launcher behind {@code deploy/local/run.sh}: starts Redis, Elasticsearch and
 * (as they get built) every Skirmish server on this machine, prints what runs where, and stops
 * everything it started when the run ends.
 *
 * <p>Exit status: 0 after a normal stop (duration elapsed, Ctrl-C, SIGTERM, the bot swarm
 * finished), 1 when a component fails to start or dies, 2 for a bad option, 3 for a missing
 * prerequisite, 130 when Ctrl-C arrives during start-up.
 */
@Command(name = "run.sh", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Builds Skirmish, starts Redis, Elasticsearch and every built server on 127.0.0.1, "
                + "prints where each one listens and logs, and stops everything it started on Ctrl-C "
                + "(or SIGTERM) or when --duration elapses, last started first."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:stopped normally", "1:a component failed to start or died",
                "2:bad option", "3:missing prerequisite", "130:Ctrl-C during start-up"})
public final class LocalStackMain implements Callable<Integer> {
    /** Set by run.sh; module class paths are read below it and the default work dir lives in it. */
    static final String REPO_ROOT_PROPERTY = "skirmish.repo.root";
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_BAD_OPTION = 2;
    static final int EXIT_MISSING_PREREQUISITE = 3;
    static final int EXIT_INTERRUPTED = 130;

    @Option(names = "--duration", paramLabel = "<duration>", converter = DurationConverter.Positive.class,
            description = "Stop after this long, e.g. 60s, 5m, 1h30m. Default: run until Ctrl-C.")
    private Duration duration;

    @Option(names = "--keep-running",
            description = "Keep the stack up after the bot swarm finishes (until Ctrl-C or --duration). "
                    + "Without it the run ends with the swarm.")
    private boolean keepRunning;

    @Option(names = "--bots", paramLabel = "<n>", defaultValue = "100",
            description = "Bots in the swarm (default: ${DEFAULT-VALUE}).")
    private int bots;

    @Option(names = "--swarm-duration", paramLabel = "<duration>", converter = DurationConverter.Positive.class,
            defaultValue = "60s", description = "How long the bots keep queueing; matches in progress then finish "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration swarmDuration;

    @Option(names = "--max-match-time", paramLabel = "<duration>", converter = DurationConverter.Positive.class,
            defaultValue = "45s", description = "The game-server's cap on every match, so a short run sees whole "
                    + "matches in every mode (default: ${DEFAULT-VALUE}).")
    private Duration maxMatchTime;

    @Option(names = "--no-swarm", description = "Start the stack without bots (until Ctrl-C or --duration).")
    private boolean noSwarm;

    @Option(names = "--target", paramLabel = "<match-host:port>,<ranking-host:port>", split = ",",
            description = "Point the bots at a remote stack (its match-server and ranking-server) and start nothing "
                    + "else locally.")
    private List<String> target;

    @Option(names = "--swarm-arg", paramLabel = "<arg>",
            description = "Passed to the swarm as is, repeatable, e.g. --swarm-arg=--slo=rtt-p99=100ms "
                    + "(see load-bots/README.md).")
    private List<String> swarmArgs = new ArrayList<>();

    @Option(names = "--redis-port", paramLabel = "<port>",
            description = "Redis port on 127.0.0.1; 0 = any free port. Default: 6379 if free, else a free port.")
    private Integer redisPort;

    @Option(names = "--es-port", paramLabel = "<port>",
            description = "Elasticsearch HTTP port on 127.0.0.1; 0 = any free port. Default: 9200 if free, else a free port.")
    private Integer esPort;

    @Option(names = "--work-dir", paramLabel = "<dir>",
            description = "Folders and logs of every process. Default: .run/ in the repository (git-ignored).")
    private Path workDir;

    @Option(names = "--no-elasticsearch", description = "Do not start Elasticsearch (quick start, about 1 s).")
    private boolean noElasticsearch;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private final PrintStream out;
    private final PrintStream err;
    /** Times start-up for the console and drives the stack's waits. */
    private final LongSupplier nanoClock;

    LocalStackMain(PrintStream out, PrintStream err, LongSupplier nanoClock) {
        this.out = out;
        this.err = err;
        this.nanoClock = nanoClock;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(out, err, System::nanoTime);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err, LongSupplier nanoClock) {
        CommandLine cli = new CommandLine(new LocalStackMain(out, err, nanoClock))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        // One line naming the option and the value, as every Skirmish process does; --help has the rest.
        cli.setParameterExceptionHandler((e, args) -> {
            err.println("run.sh: " + e.getMessage() + " (see --help)");
            return EXIT_BAD_OPTION;
        });
        return cli;
    }

    @Override
    public Integer call() {
        Path repoRoot = Path.of(System.getProperty(REPO_ROOT_PROPERTY, "."));
        Path work = (workDir != null ? workDir : repoRoot.resolve(".run")).toAbsolutePath().normalize();
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + work, e);
        }
        Path launcherLog = work.resolve("launcher.log");
        LauncherLogging.toFile(launcherLog);
        Logger log = LoggerFactory.getLogger(LocalStackMain.class);
        // Before choosing ports: a leftover Redis would otherwise push this run off 6379.
        LeftoverProcesses leftovers = new LeftoverProcesses(work.resolve("stack.pids"));
        try {
            leftovers.stopRecorded().forEach(line -> {
                out.println(line);
                log.warn(line);
            });
        } catch (IllegalStateException e) {
            err.println("run.sh: " + e.getMessage());
            return EXIT_START_FAILED;
        }

        int redis;
        int elasticsearch;
        try {
            redis = PreferredPort.choose(redisPort, 6379);
        } catch (IllegalArgumentException e) {
            return badOption("--redis-port", e);
        }
        try {
            elasticsearch = noElasticsearch ? 0 : PreferredPort.choose(esPort, 9200);
        } catch (IllegalArgumentException e) {
            return badOption("--es-port", e);
        }
        if (bots < 1 || swarmDuration.isZero() || swarmDuration.isNegative() || maxMatchTime.isNegative()) {
            err.println("run.sh: --bots must be at least 1, --swarm-duration positive, --max-match-time not negative");
            return EXIT_BAD_OPTION;
        }
        if (target != null && target.size() != 2) {
            err.println("run.sh: --target expects <match-host:port>,<ranking-host:port>, got " + target);
            return EXIT_BAD_OPTION;
        }
        LocalStackOptions.SwarmSettings swarm = new LocalStackOptions.SwarmSettings(!noSwarm, bots, swarmDuration,
                maxMatchTime, target == null ? null : target.get(0), target == null ? null : target.get(1), swarmArgs);
        LocalStackOptions options = new LocalStackOptions(repoRoot, work, redis, !noElasticsearch, elasticsearch,
                Optional.ofNullable(duration), keepRunning, swarm);
        log.info("launcher starting options={}", options);
        return run(options, launcherLog, leftovers, log);
    }

    private int badOption(String option, IllegalArgumentException e) {
        err.println("run.sh: " + option + ": " + e.getMessage());
        return EXIT_BAD_OPTION;
    }

    private int run(LocalStackOptions options, Path launcherLog, LeftoverProcesses leftovers, Logger log) {
        StackConsole console = new StackConsole(out, Path.of("").toAbsolutePath());
        StopSignal stopSignal = new StopSignal();
        StackPlan plan;
        try {
            plan = StackPlan.standard(options);
        } catch (MissingPrerequisiteException e) {
            err.println("run.sh: " + e.getMessage());
            return EXIT_MISSING_PREREQUISITE;
        }
        LocalStack stack = new LocalStack(plan.components(), console, stopSignal, nanoClock,
                leftovers::recordDescendants);
        stopSignal.install(signal -> log.info("received {}", signal));
        // Safety net for exits that bypass the main thread's orderly stop (a second Ctrl-C, SIGHUP).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stack.stopAll("JVM exit"), "skirmish-stack-stop"));

        long startNs = nanoClock.getAsLong();
        console.starting(plan.components(), options.workDir());
        try {
            stack.start();
        } catch (LocalStack.StartFailed e) {
            log.warn("start-up failed", e);
            if (e.stopRequested) {
                return EXIT_INTERRUPTED;
            }
            return e.getCause() instanceof MissingPrerequisiteException ? EXIT_MISSING_PREREQUISITE : EXIT_START_FAILED;
        }
        console.summary(plan, options, Duration.ofNanos(nanoClock.getAsLong() - startNs), launcherLog);

        LocalStack.Outcome outcome = stack.awaitEnd(options.duration(), options.keepRunning());
        log.info("run ended outcome={}", outcome);
        stack.stopAll(switch (outcome) {
            case DURATION_ELAPSED -> "--duration " + StackConsole.human(options.duration().orElseThrow()) + " elapsed";
            case STOP_REQUESTED -> stopSignal.reason();
            case FINISHED -> "the bot swarm finished";
            case CRASHED -> "a component died";
        });
        return outcome.exitCode;
    }
}
