package io.skirmish.testkit.stack;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local stack starts, in start order (it stops in the reverse order), and what it will
 * start once built. {@link #standard} is the one place a new server is added: replace its
 * {@code notBuiltYet} line with one {@code add(javaService(...))} line.
 */
public final class StackPlan {
    /** Agrona needs the export; a small heap keeps the whole stack within a laptop. */
    private static final String[] SERVICE_JVM_OPTIONS = {
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx512m", "-XX:+UseG1GC"};

    private final LocalStackOptions options;
    private final List<StackComponent> components = new ArrayList<>();
    private final List<NotBuiltYet> notBuiltYet = new ArrayList<>();

    /** A component the architecture names but no module provides yet; shown in the summary. */
    public record NotBuiltYet(String name, int issue) {
    }

    public StackPlan(LocalStackOptions options) {
        this.options = options;
    }

    /** The stack {@code deploy/local/run.sh} runs. */
    public static StackPlan standard(LocalStackOptions options) {
        StackPlan plan = new StackPlan(options);
        plan.add(new RedisComponent(options.workDir(), options.redisPort()));
        if (options.elasticsearch()) {
            plan.add(new ElasticsearchComponent(options.workDir(), options.elasticsearchPort()));
        }
        // Servers come after the stores they need.
        int gameTcp = PreferredPort.choose(null, 7700);
        int gameUdp = PreferredPort.choose(null, 7701);
        plan.add(plan.javaService("game-server", "io.skirmish.game.GameServerMain", PreferredPort.choose(null, 7780),
                "tcp://127.0.0.1:" + gameTcp + " udp://127.0.0.1:" + gameUdp,
                "--tcp-port=" + gameTcp, "--udp-port=" + gameUdp, "--drain-timeout=5s", "--tick-agents=1"));
        int matchClient = PreferredPort.choose(null, 7600);
        plan.add(plan.javaService("match-server", "io.skirmish.match.MatchServerMain", PreferredPort.choose(null, 7680),
                "tcp://127.0.0.1:" + matchClient, "--client-port=" + matchClient));
        int rankingClient = PreferredPort.choose(null, 7720);
        plan.add(plan.javaService("ranking-server", "io.skirmish.ranking.RankingServerMain",
                PreferredPort.choose(null, 7782), "tcp://127.0.0.1:" + rankingClient, "--port=" + rankingClient));
        if (options.elasticsearch()) {
            plan.add(plan.javaService("log-shipper", "io.skirmish.logship.LogShipperMain", PreferredPort.choose(null, 7980),
                    "skirmish:events -> " + options.elasticsearchUrl() + " skirmish-events-*"));
        }
        // The swarm goes last and sets finishesOnItsOwn(): the run ends with it unless --keep-running.
        plan.notBuiltYet("bot swarm", 7);
        return plan;
    }

    public StackPlan add(StackComponent component) {
        components.add(component);
        return this;
    }

    public StackPlan notBuiltYet(String name, int issue) {
        notBuiltYet.add(new NotBuiltYet(name, issue));
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
        JavaServiceSpec spec = JavaServiceSpec.of(module, mainClass, ModuleClasspath.of(options.repoRoot(), module),
                        URI.create("http://127.0.0.1:" + opsPort + "/ready"), args)
                .withEnvironment(env)
                .withJvmOptions(SERVICE_JVM_OPTIONS);
        return new JavaServiceComponent(spec, options.workDir(), address);
    }

    public List<StackComponent> components() {
        return List.copyOf(components);
    }

    public List<NotBuiltYet> notBuiltYet() {
        return List.copyOf(notBuiltYet);
    }
}
