package io.skirmish.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    final int rankingPort = FreePorts.next();
    final int gameOps = FreePorts.next();
    final int matchOps = FreePorts.next();
    final int rankingOps = FreePorts.next();
    final int shipperOps = FreePorts.next();
    private final List<JavaServiceProcess> started = new ArrayList<>();
    private final Path workDir;
    private final String redisUrl;
    private final String elasticsearchUrl;

    WholeStack(Path workDir, String redisUrl, String elasticsearchUrl) {
        this.workDir = workDir;
        this.redisUrl = redisUrl;
        this.elasticsearchUrl = elasticsearchUrl;
    }

    WholeStack start(Duration maxMatchTime) {
        startServers(maxMatchTime);
        start("log-shipper", LogShipperMain.class, shipperOps, "--elasticsearch-url=" + elasticsearchUrl);
        return this;
    }

    /** The three servers a game client talks to (no log-shipper, no Elasticsearch). */
    WholeStack startServers(Duration maxMatchTime) {
        int gameTcp = FreePorts.next();
        int gameUdp = FreePorts.next();
        start("game-server", GameServerMain.class, gameOps, "--dev", "--tcp-port=" + gameTcp, "--udp-port=" + gameUdp,
                "--tick-agents=1", "--max-match-time=" + maxMatchTime.toSeconds() + "s", "--drain-timeout=5s");
        start("match-server", MatchServerMain.class, matchOps, "--dev", "--login=trusted,device",
                "--login-limit-address=off", "--client-port=" + matchPort);
        start("ranking-server", RankingServerMain.class, rankingOps, "--port=" + rankingPort);
        return this;
    }

    private void start(String name, Class<?> main, int opsPort, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--ops-port=" + opsPort);
        all.add("--redis-url=" + redisUrl);
        JavaServiceSpec spec = JavaServiceSpec.onThisClasspath(name, main.getName(),
                        URI.create("http://127.0.0.1:" + opsPort + "/ready"), all.toArray(String[]::new))
                .withJvmOptions("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx256m",
                        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .withEnvironment(Map.of())
                .withTimeouts(Duration.ofSeconds(90), Duration.ofSeconds(20));
        JavaServiceProcess process = new JavaServiceProcess(spec, workDir);
        process.start();
        started.add(0, process);
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
