package io.skirmish.e2e;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import io.skirmish.bots.swarm.SwarmMain;
import io.skirmish.kit.cli.CommandRunner;

/**
 * The bot load of the Redis and Elasticsearch drills: 24 bots in duels and squads, a fifth in
 * parties, none idle, reconnecting or misbehaving, so every error the report shows comes from the
 * fault. Runs on a pool thread; the future holds the swarm's exit status.
 */
final class DrillSwarm {

    private DrillSwarm() {
    }

    static CompletableFuture<Integer> start(WholeStack started, Path reportDir, String playerPrefix, int seed,
                                            String duration) {
        return start(started.matchPort, started.rankingPort, reportDir, playerPrefix, seed, duration);
    }

    /** The same load against the given match and ranking ports (a load balancer's, say). */
    static CompletableFuture<Integer> start(int matchPort, int rankingPort, Path reportDir, String playerPrefix, int seed,
                                            String duration) {
        return CompletableFuture.supplyAsync(() -> CommandRunner.run(new SwarmMain(),
                "--bots=24", "--ramp-up=3s", "--duration=" + duration, "--drain-timeout=60s",
                "--mode-mix=duel=50,squad=50", "--seed=" + seed, "--party-share=0.2", "--idle-share=0",
                "--reconnect-share=0", "--misbehave-share=0", "--queue-timeout=60s", "--rank-timeout=40s",
                "--player-prefix=" + playerPrefix, "--match-server=127.0.0.1:" + matchPort,
                "--ranking-server=127.0.0.1:" + rankingPort, "--report-dir=" + reportDir));
    }
}
