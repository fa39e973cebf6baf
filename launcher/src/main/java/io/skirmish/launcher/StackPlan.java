package io.skirmish.launcher;

import io.skirmish.testkit.process.ModuleClasspath;
import io.skirmish.testkit.process.JavaServiceSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local stack starts, in start order (it stops in the reverse order). {@link #standard}
 * is the one place a new server is added, with one {@code add(javaService(...))} line.
 */
public final class StackPlan {
    /** Agrona needs the export; a small heap keeps the whole stack within a laptop. */
    private static final String[] SERVICE_JVM_OPTIONS = {
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx512m", "-XX:+UseG1GC"};

    /**
     * The game server runs on ParallelGC, as {@code deploy/dist/launcher.sh} starts it: no
     * concurrent refinement thread sharing the tick's core, and long-lived objects promoted after
     * two young collections instead of copied up to 15 times (docs/decisions.md, "ParallelGC for
     * the game server").
     */
    private static final String[] GAME_SERVER_JVM_OPTIONS = {
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx512m", "-XX:+UseParallelGC",
        "-XX:MaxTenuringThreshold=1"};

    /** Thousands of bots keep thousands of channels and sessions: more heap than a server. */
    private static final String[] SWARM_JVM_OPTIONS = {
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx1g", "-XX:+UseG1GC"};

    /** The connection cap per source address of a local server: the whole stack is one address. */
    private static final int ONE_ADDRESS_CAP = 20_000;

    private final LocalStackOptions options;
    private final List<StackComponent> components = new ArrayList<>();

    public StackPlan(LocalStackOptions options) {
        this.options = options;
    }

    /** The stack {@code deploy/local/run.sh} runs. */
    public static StackPlan standard(LocalStackOptions options) {
        StackPlan plan = new StackPlan(options);
        LocalStackOptions.SwarmSettings swarm = options.swarm();
        if (swarm.remote()) {
            // Bots against a stack elsewhere: nothing local but the swarm.
            plan.add(plan.swarm(swarm.matchServer(), swarm.rankingServer(), List.of()));
            return plan;
        }
        plan.add(new RedisComponent(options.workDir(), options.redisPort()));
        if (options.elasticsearch()) {
            plan.add(new ElasticsearchComponent(options.workDir(), options.elasticsearchPort()));
        }
        // Servers come after the stores they need.
        int gameTcp = PreferredPort.choose(null, 7700);
        int gameUdp = PreferredPort.choose(null, 7701);
        int gameOps = PreferredPort.choose(null, 7780);
        plan.add(plan.javaService("game-server", "io.skirmish.game.GameServerMain", gameOps,
                "tcp://127.0.0.1:" + gameTcp + " udp://127.0.0.1:" + gameUdp,
                // --dev: the public development keys and the bots' trusted logins (a local stack only).
                // Every bot connects from 127.0.0.1: the per-address cap would refuse all but 64.
                "--dev", "--max-connections-per-address=" + ONE_ADDRESS_CAP, "--tcp-port=" + gameTcp, "--udp-port=" + gameUdp, "--drain-timeout=5s", "--tick-agents=1",
                "--max-match-time=" + swarm.maxMatchTime().toSeconds() + "s"));
        int matchClient = PreferredPort.choose(null, 7600);
        int matchOps = PreferredPort.choose(null, 7680);
        plan.add(plan.javaService("match-server", "io.skirmish.match.MatchServerMain", matchOps,
                "tcp://127.0.0.1:" + matchClient, "--dev", "--max-connections-per-address=" + ONE_ADDRESS_CAP,
                "--login=trusted,device",
                // every bot logs in from this machine's one address
                "--login-limit-address=off", "--client-port=" + matchClient));
        int rankingClient = PreferredPort.choose(null, 7720);
        int rankingOps = PreferredPort.choose(null, 7782);
        plan.add(plan.javaService("ranking-server", "io.skirmish.ranking.RankingServerMain", rankingOps,
                "tcp://127.0.0.1:" + rankingClient, "--dev",
                "--max-connections-per-address=" + ONE_ADDRESS_CAP, "--port=" + rankingClient));
        int shipperOps = PreferredPort.choose(null, 7980);
        if (options.elasticsearch()) {
            plan.add(plan.javaService("log-shipper", "io.skirmish.logship.LogShipperMain", shipperOps,
                    "skirmish:events -> " + options.elasticsearchUrl() + " skirmish-events-*"));
        }
        if (swarm.enabled()) {
            // Last, and it finishes on its own: the run ends with it unless --keep-running.
            List<String> sampled = new ArrayList<>(List.of(
                    "--service=game-server=" + metrics(gameOps), "--service=match-server=" + metrics(matchOps),
                    "--service=ranking-server=" + metrics(rankingOps), "--redis-url=" + options.redisUrl()));
            if (options.elasticsearch()) {
                sampled.add("--service=log-shipper=" + metrics(shipperOps));
                sampled.add("--elasticsearch-url=" + options.elasticsearchUrl());
            }
            plan.add(plan.swarm("127.0.0.1:" + matchClient, "127.0.0.1:" + rankingClient, sampled));
        }
        return plan;
    }

    private static String metrics(int opsPort) {
        return "http://127.0.0.1:" + opsPort + "/metrics";
    }

    /** The bot swarm against the given match- and ranking-server, sampling the given services. */
    private StackComponent swarm(String matchServer, String rankingServer, List<String> sampling) {
        LocalStackOptions.SwarmSettings swarm = options.swarm();
        int opsPort = PreferredPort.choose(null, 7880);
        List<String> args = new ArrayList<>(List.of("--bots=" + swarm.bots(),
                "--duration=" + swarm.duration().toSeconds() + "s",
                "--ramp-up=" + Math.min(10, swarm.duration().toSeconds() / 3) + "s",
                "--drain-timeout=" + (swarm.maxMatchTime().toSeconds() + 30) + "s",
                "--match-server=" + matchServer, "--ranking-server=" + rankingServer,
                "--report-dir=" + options.workDir().resolve("swarm"), "--ops-port=" + opsPort,
                "--command-line=deploy/local/run.sh --bots " + swarm.bots() + " --swarm-duration "
                        + swarm.duration().toSeconds() + "s"));
        args.addAll(sampling);
        List<String> merged = SwarmArgs.merge(args, swarm.extraArgs());
        JavaServiceSpec spec = JavaServiceSpec.of("bot-swarm", "io.skirmish.bots.swarm.SwarmMain",
                        ModuleClasspath.of(options.repoRoot(), "load-bots"),
                        URI.create("http://127.0.0.1:" + opsPort + "/ready"), merged.toArray(String[]::new))
                .withJvmOptions(SWARM_JVM_OPTIONS);
        return new SwarmComponent(spec, options.workDir(), swarm.bots() + " bots -> " + matchServer,
                List.of("leaderboard: deploy/local/leaderboard.sh duel   (or squad, ffa, duel.kills, ...; "
                        + "ranking-server " + rankingServer + ")"));
    }

    public StackPlan add(StackComponent component) {
        components.add(component);
        return this;
    }

    /**
     * A module's main class as a child JVM, wired to this stack's Redis (and Elasticsearch, when
     * running) through the same environment variables the services read
     * ({@code SKIRMISH_REDIS_URL}, {@code SKIRMISH_ELASTICSEARCH_URL}) and serving its ops endpoint
     * on {@code opsPort} ({@code SKIRMISH_OPS_PORT}); ready when its {@code /ready} answers 200.
     *
     * @param address where clients reach the service, for the summary
     */
    public StackComponent javaService(String module, String mainClass, int opsPort, String address, String... args) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SKIRMISH_REDIS_URL", options.redisUrl());
        if (options.elasticsearch()) {
            env.put("SKIRMISH_ELASTICSEARCH_URL", options.elasticsearchUrl());
        }
        env.put("SKIRMISH_OPS_PORT", Integer.toString(opsPort));
        String[] serviceArgs = options.elasticsearch()
                ? ServiceLogArgs.shippedTo(options.workDir().resolve(ServiceLogArgs.LOG_DIR), module, args)
                : args;
        JavaServiceSpec spec = JavaServiceSpec.of(module, mainClass, ModuleClasspath.of(options.repoRoot(), module),
                        URI.create("http://127.0.0.1:" + opsPort + "/ready"), serviceArgs)
                .withEnvironment(env)
                .withJvmOptions(jvmOptionsFor(module));
        return new JavaServiceComponent(spec, options.workDir(), address);
    }

    /** The JVM options a server module runs with in the local stack. */
    static String[] jvmOptionsFor(String module) {
        return "game-server".equals(module) ? GAME_SERVER_JVM_OPTIONS.clone() : SERVICE_JVM_OPTIONS.clone();
    }

    public List<StackComponent> components() {
        return List.copyOf(components);
    }
}
