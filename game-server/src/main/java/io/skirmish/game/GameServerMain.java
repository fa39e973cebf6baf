package io.skirmish.game;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.skirmish.game.tick.TickConfig;
import io.skirmish.game.world.ArenaRules;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.cli.OpsPortOptions;
import io.skirmish.kit.cli.ServerOptions;
import io.skirmish.kit.config.DevMode;
import io.skirmish.kit.config.InstanceIds;
import io.skirmish.kit.keys.ConnectKeyOptions;
import io.skirmish.kit.lifecycle.Lifecycle;
import io.skirmish.kit.log.LogOptions;
import io.skirmish.kit.net.guard.ClientPortOptions;
import io.skirmish.kit.ops.DependencyGauge;
import io.skirmish.kit.ops.MeterRegistries;
import io.skirmish.kit.ops.OpsServer;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.token.KeyRingSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import redis.clients.jedis.UnifiedJedis;

/** The game-server process: flags to {@link GameServerConfig}, then start, serve, drain on SIGTERM. */
@Command(name = "game-server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Skirmish game server: authoritative tick loop over TCP + UDP.%n"
                + "Every option can also be set as SKIRMISH_<OPTION> (e.g. SKIRMISH_TICK_RATE) or in the "
                + "properties file named by SKIRMISH_CONFIG.")
public final class GameServerMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GameServerMain.class);

    @Mixin
    ServerOptions serverOptions = new ServerOptions();

    @Mixin
    LogOptions logOptions = new LogOptions();

    @Mixin
    ClientPortOptions clientPort = new ClientPortOptions();

    @Option(names = "--connect-timeout", defaultValue = "10s",
            description = "Absolute time from accepting a TCP connection to its Connect; Pings do not extend it "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--idle-timeout", defaultValue = "10m",
            description = "Close a TCP connection with no traffic either way this long; longer than any match, "
                    + "whose liveness is the UDP silence (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--udp-silence", defaultValue = "3s",
            description = "No snapshot goes to a connection without an authentic packet for this long, and its slot "
                    + "enters the reconnect grace (default: ${DEFAULT-VALUE}).")
    Duration udpSilence;

    @Option(names = "--server-id", description = "Registry id (default: <hostname>-<random>).")
    String serverId;

    @Option(names = "--region", defaultValue = "local", description = "Region served (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--public-host", description = "Address advertised to clients (default: the bind host).")
    String publicHost;

    @Option(names = "--tcp-port", defaultValue = "7700", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int tcpPort;

    @Option(names = "--udp-port", defaultValue = "7701", description = "UDP port (default: ${DEFAULT-VALUE}).")
    int udpPort;

    @Mixin
    OpsPortOptions ops = new OpsPortOptions(7780);

    @Mixin
    DevMode dev = new DevMode();

    @Mixin
    ConnectKeyOptions keyFiles = new ConnectKeyOptions();

    @Option(names = "--tick-rate", defaultValue = "30", description = "Ticks per second, 10..128 (default: ${DEFAULT-VALUE}).")
    int tickRate;

    @Option(names = "--tick-phases", defaultValue = "16",
            description = "Evenly spaced phases per tick period; each match ticks in one of them so that a tick "
                    + "agent's matches do not all tick and send at once, 1.." + TickConfig.MAX_TICK_PHASES
                    + " (default: ${DEFAULT-VALUE}).")
    int tickPhases;

    @Option(names = "--tick-agents", description = "Tick threads (default: number of cores).")
    Integer tickAgents;

    @Option(names = "--tcp-threads", defaultValue = "1", description = "TCP event-loop threads (default: ${DEFAULT-VALUE}).")
    int tcpThreads;

    @Option(names = "--udp-threads", defaultValue = "1",
            description = "UDP sockets, each with its own thread, sharing the UDP port with SO_REUSEPORT; "
                    + "above 1 needs Linux epoll (default: ${DEFAULT-VALUE}).")
    int udpThreads;

    @Option(names = "--capacity-players", defaultValue = "6000",
            description = "Most players hosted at once (default: ${DEFAULT-VALUE}).")
    int capacityPlayers;

    @Option(names = "--matches-per-agent", defaultValue = "2048",
            description = "Match slots per tick thread (default: ${DEFAULT-VALUE}).")
    int matchesPerAgent;

    @Option(names = "--join-window", defaultValue = "15s",
            description = "How long a match waits for its players (default: ${DEFAULT-VALUE}).")
    Duration joinWindow;

    @Option(names = "--reconnect-grace", defaultValue = "20s",
            description = "How long a dropped player keeps its slot (default: ${DEFAULT-VALUE}).")
    Duration reconnectGrace;

    @Option(names = "--max-match-time", defaultValue = "0s",
            description = "Ends every match after at most this long, whatever its mode's own limit (120 s duel, "
                    + "180 s squad and ffa); for short demo and test runs (default: 0s, no cap).")
    Duration maxMatchTime;

    @Option(names = "--heartbeat", defaultValue = "1s", description = "Registry heartbeat period (default: ${DEFAULT-VALUE}).")
    Duration heartbeat;

    @Option(names = "--drain-timeout", defaultValue = "10m",
            description = "On SIGTERM, how long running matches may take to finish (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    public static void main(String[] args) {
        int exitCode = CommandRunner.run(new GameServerMain(), args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    GameServerConfig config() {
        KeyRingSource keys = keyFiles.connectKeys(dev, LOG);
        TickConfig defaults = TickConfig.defaults();
        TickConfig tick = new TickConfig(tickRate, defaults.maxCatchUpTicks(), matchesPerAgent,
                defaults.inboundBufferBytes(), defaults.snapshotBufferBytes(), defaults.eventBufferBytes(),
                joinWindow, reconnectGrace, tickPhases);
        return new GameServerConfig(serverId == null ? defaultServerId() : serverId, region, serverOptions.bindHost(),
                publicHost == null ? serverOptions.bindHost() : publicHost, tcpPort, udpPort, ops.opsPort(),
                tickAgents == null ? Runtime.getRuntime().availableProcessors() : tickAgents, tcpThreads, udpThreads,
                capacityPlayers, tick, ArenaRules.standard().withMaxMatchSeconds((int) maxMatchTime.toSeconds()), serverOptions.redis(), keys, heartbeat,
                drainTimeout, clientPort.config(dev, connectTimeout, idleTimeout), udpSilence);
    }

    /** Not ready while starting, draining, or while the tick p99 exceeds its budget. */
    private static String notReadyReason(GameServer server) {
        if (server == null) {
            return "starting";
        }
        if (server.draining()) {
            return "draining";
        }
        return server.tickMetrics().overBudgetReason();
    }

    private static String defaultServerId() {
        return InstanceIds.hostWithRandomSuffix("game");
    }

    @Override
    public Integer call() throws Exception {
        GameServerConfig config = config();
        logOptions.apply("game-server", config.serverId());
        Lifecycle lifecycle = new Lifecycle("game-server");
        try {
            PrometheusMeterRegistry registry = MeterRegistries.prometheus("game-server", config.serverId());
            lifecycle.register("metrics", registry::close);
            UnifiedJedis redis = lifecycle.register("redis",
                    RedisConnector.open(config.redis(), "game-server-" + config.serverId(), Duration.ofSeconds(2)));
            DependencyGauge.bind(registry, "redis", RedisConnector.readiness(redis));
            AtomicReference<GameServer> started = new AtomicReference<>();
            // Registered before the server so it stops after it: /ready says "draining" while matches finish.
            lifecycle.register("ops", OpsServer.start(config.bindHost(), config.opsPort(), registry,
                    List.of(RedisConnector.readiness(redis), () -> notReadyReason(started.get()))));
            lifecycle.register("key-file", keyFiles.watcher(List.of(config.connectKeys())));
            GameServer server = new GameServer(config, redis, registry);
            started.set(server);
            lifecycle.register("game-server", () -> {
                server.drain();
                server.close();
            });
        } catch (RuntimeException | InterruptedException e) {
            lifecycle.close();
            throw e;
        }
        lifecycle.closeOnShutdown();
        lifecycle.awaitStopped();
        return 0;
    }
}
