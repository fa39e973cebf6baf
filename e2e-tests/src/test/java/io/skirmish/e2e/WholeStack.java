package io.skirmish.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.skirmish.game.GameServerMain;
import io.skirmish.logship.LogShipperMain;
import io.skirmish.match.MatchServerMain;
import io.skirmish.ranking.RankingServerMain;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.JavaServiceProcess;
import io.skirmish.testkit.process.JavaServiceSpec;

/**
 * Every Skirmish server as its own child JVM, started from its real main class with real flags
 * against the test's Redis and Elasticsearch, stopped (SIGTERM) in reverse order on close.
 */
final class WholeStack implements AutoCloseable {

    final int matchPort = FreePorts.next();
    /** Every bot connects from 127.0.0.1: lift the per-address connection cap (64) of each server. */
    private static final String ONE_ADDRESS = "--max-connections-per-address=20000";
    final int rankingPort = FreePorts.next();
    final int gameOps = FreePorts.next();
    final int matchOps = FreePorts.next();
    final int rankingOps = FreePorts.next();
    final int shipperOps = FreePorts.next();
    private final List<JavaServiceProcess> started = new ArrayList<>();
    private final Map<String, JavaServiceProcess> byName = new HashMap<>();
    private final Map<String, List<String>> extraJvmOptions = new HashMap<>();
    private final Map<String, List<String>> extraArgs = new HashMap<>();
    private final Path workDir;
    private final Map<String, String> redisUrls;
    private final String elasticsearchUrl;

    WholeStack(Path workDir, String redisUrl, String elasticsearchUrl) {
        this(workDir, Map.of("game-server", redisUrl, "match-server", redisUrl, "ranking-server", redisUrl,
                "log-shipper", redisUrl), elasticsearchUrl);
    }

    /** Each service with its own Redis URL (its own ACL user and password). */
    WholeStack(Path workDir, Map<String, String> redisUrls, String elasticsearchUrl) {
        this.workDir = workDir;
        this.redisUrls = Map.copyOf(redisUrls);
        this.elasticsearchUrl = elasticsearchUrl;
    }

    /** More JVM options for one service (before {@link #start}). */
    WholeStack withJvmOptions(String service, String... options) {
        extraJvmOptions.computeIfAbsent(service, k -> new ArrayList<>()).addAll(List.of(options));
        return this;
    }

    /** More flags for one service (before {@link #start}). */
    WholeStack withArgs(String service, String... args) {
        extraArgs.computeIfAbsent(service, k -> new ArrayList<>()).addAll(List.of(args));
        return this;
    }

    WholeStack start(Duration maxMatchTime) {
        startServers(maxMatchTime);
        return startLogShipper();
    }

    /** The log-shipper alone (the drills start the other servers themselves). */
    WholeStack startLogShipper() {
        start("log-shipper", LogShipperMain.class, shipperOps, "--elasticsearch-url=" + elasticsearchUrl);
        return this;
    }

    /** The three servers a game client talks to (no log-shipper, no Elasticsearch). */
    WholeStack startServers(Duration maxMatchTime) {
        start("game-server", GameServerMain.class, gameOps, gameServerArgs(maxMatchTime, Duration.ofSeconds(5)));
        startMatchAndRanking();
        return this;
    }

    /** The match-server and the ranking-server (the drills add their game servers themselves). */
    WholeStack startMatchAndRanking() {
        start("match-server", MatchServerMain.class, matchOps, "--dev", ONE_ADDRESS, "--login=trusted,device",
                "--login-limit-address=off", "--client-port=" + matchPort);
        start("ranking-server", RankingServerMain.class, rankingOps, "--dev", ONE_ADDRESS, "--port=" + rankingPort);
        return this;
    }

    /** A further instance of a stateless service: its process and its ports. */
    record Replica(JavaServiceProcess process, int port, int opsPort) {
    }

    /**
     * One more match-server under its own name and instance id, on fresh ports (the drills put
     * two behind a load balancer); the first one's id is set with {@link #withArgs}.
     */
    Replica matchServer(String name, String instanceId) {
        int port = FreePorts.next();
        int ops = FreePorts.next();
        JavaServiceProcess process = start(name, "match-server", MatchServerMain.class, ops, Duration.ofSeconds(20),
                "--dev", ONE_ADDRESS, "--login=trusted,device", "--login-limit-address=off", "--client-port=" + port,
                "--instance-id=" + instanceId);
        return new Replica(process, port, ops);
    }

    /** One more ranking-server under its own name, on fresh ports. */
    Replica rankingServer(String name) {
        int port = FreePorts.next();
        int ops = FreePorts.next();
        JavaServiceProcess process = start(name, "ranking-server", RankingServerMain.class, ops, Duration.ofSeconds(20),
                "--dev", ONE_ADDRESS, "--port=" + port);
        return new Replica(process, port, ops);
    }

    /**
     * One more game server under its own registry id, on fresh ports; stopping it (SIGTERM)
     * drains it, so its stop timeout outlasts the drain timeout.
     */
    JavaServiceProcess gameServer(String serverId, Duration maxMatchTime, Duration drainTimeout) {
        return gameServer(serverId, maxMatchTime, drainTimeout, FreePorts.next(), FreePorts.next());
    }

    /**
     * A game server on the given ports; {@code extraArgs} such as {@code --public-host} put it
     * behind something (a fault proxy listening on another loopback address with the same ports).
     */
    JavaServiceProcess gameServer(String serverId, Duration maxMatchTime, Duration drainTimeout, int tcpPort,
                                  int udpPort, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(gameServerArgs(maxMatchTime, drainTimeout, tcpPort, udpPort)));
        args.add("--server-id=" + serverId);
        args.addAll(List.of(extraArgs));
        return start(serverId, "game-server", GameServerMain.class, FreePorts.next(), drainTimeout.plusSeconds(15),
                args.toArray(String[]::new));
    }

    private static String[] gameServerArgs(Duration maxMatchTime, Duration drainTimeout) {
        return gameServerArgs(maxMatchTime, drainTimeout, FreePorts.next(), FreePorts.next());
    }

    private static String[] gameServerArgs(Duration maxMatchTime, Duration drainTimeout, int tcpPort, int udpPort) {
        return new String[] {"--dev", ONE_ADDRESS, "--tcp-port=" + tcpPort, "--udp-port=" + udpPort,
                "--tick-agents=1", "--max-match-time=" + maxMatchTime.toSeconds() + "s",
                "--drain-timeout=" + drainTimeout.toSeconds() + "s"};
    }

    private JavaServiceProcess start(String name, Class<?> main, int opsPort, String... args) {
        return start(name, name, main, opsPort, Duration.ofSeconds(20), args);
    }

    /**
     * @param service which service's Redis URL (and ACL user) the process gets: an extra game
     *                server has a name of its own but logs in as the game-server
     */
    private JavaServiceProcess start(String name, String service, Class<?> main, int opsPort, Duration stopTimeout,
                                     String... args) {
        String redisUrl = redisUrls.get(service);
        if (redisUrl == null) {
            throw new IllegalArgumentException("no Redis URL for service " + service + "; known: " + redisUrls.keySet());
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--ops-port=" + opsPort);
        all.add("--redis-url=" + redisUrl);
        all.addAll(extraArgs.getOrDefault(name, List.of()));
        List<String> jvm = new ArrayList<>(List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        jvm.addAll(extraJvmOptions.getOrDefault(name, List.of()));
        JavaServiceSpec spec = JavaServiceSpec.onThisClasspath(name, main.getName(),
                        URI.create("http://127.0.0.1:" + opsPort + "/ready"), all.toArray(String[]::new))
                .withJvmOptions(jvm.toArray(String[]::new))
                .withEnvironment(Map.of())
                .withTimeouts(Duration.ofSeconds(90), stopTimeout);
        JavaServiceProcess process = new JavaServiceProcess(spec, workDir);
        process.start();
        started.add(0, process);
        byName.put(name, process);
        return process;
    }

    /** The running process of a service, to kill or restart it. */
    JavaServiceProcess process(String service) {
        return byName.get(service);
    }

    /** Ops ports (metrics, health, ready) by service name. */
    Map<String, Integer> opsPorts() {
        return Map.of("game-server", gameOps, "match-server", matchOps, "ranking-server", rankingOps,
                "log-shipper", shipperOps);
    }

    /** Prometheus endpoints by service name, for the swarm's service figures. */
    Map<String, String> metricsEndpoints() {
        return Map.of("game-server", metrics(gameOps), "match-server", metrics(matchOps),
                "ranking-server", metrics(rankingOps), "log-shipper", metrics(shipperOps));
    }

    private static String metrics(int port) {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    @Override
    public void close() {
        started.forEach(JavaServiceProcess::stop);
    }
}
