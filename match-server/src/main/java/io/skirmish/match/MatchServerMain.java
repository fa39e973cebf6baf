package io.skirmish.match;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.cli.InstanceIdOptions;
import io.skirmish.kit.cli.OpsPortOptions;
import io.skirmish.kit.cli.ServerOptions;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.DevMode;
import io.skirmish.kit.config.DevDefaults;
import io.skirmish.kit.keys.ConnectKeyOptions;
import io.skirmish.kit.keys.KeyRingOptions;
import io.skirmish.kit.lifecycle.Lifecycle;
import io.skirmish.kit.lifecycle.ReadinessDrain;
import io.skirmish.kit.log.LogOptions;
import io.skirmish.kit.net.guard.ClientPortOptions;
import io.skirmish.kit.ops.DependencyGauge;
import io.skirmish.kit.ops.MeterRegistries;
import io.skirmish.kit.ops.OpsServer;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.admission.AdmissionConfig;
import io.skirmish.match.net.ClientVersion;
import io.skirmish.match.net.RequestLimit;
import io.skirmish.match.queue.MatchmakerConfig;
import io.skirmish.match.rules.FormationRules;
import io.skirmish.match.rules.LobbyFill;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Widening;
import io.skirmish.match.auth.IdTokenConfig;
import io.skirmish.match.auth.IdTokenVerifier;
import io.skirmish.match.auth.LoginConfig;
import io.skirmish.match.auth.LoginMode;
import io.skirmish.protocol.token.KeyRingSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** The match-server process: flags to {@link MatchServerConfig}, then start and serve until SIGTERM. */
@Command(name = "match-server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Skirmish match server: login, queues in Redis, match formation, game-server allocation.%n"
                + "Every option can also be set as SKIRMISH_<OPTION> (e.g. SKIRMISH_REGIONS) or in the "
                + "properties file named by SKIRMISH_CONFIG.")
public final class MatchServerMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(MatchServerMain.class);

    @Mixin
    ServerOptions serverOptions = new ServerOptions();

    @Mixin
    LogOptions logOptions = new LogOptions();

    @Mixin
    InstanceIdOptions instance = new InstanceIdOptions();

    @Mixin
    ClientPortOptions clientTransport = new ClientPortOptions();

    @Option(names = "--login-timeout", defaultValue = "10s",
            description = "Absolute time from accepting a client connection to its first successful Login; "
                    + "nothing the client sends extends it (default: ${DEFAULT-VALUE}).")
    Duration loginTimeout;

    @Option(names = "--idle-timeout", defaultValue = "10m",
            description = "Close a client connection with no traffic either way this long (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--regions", defaultValue = "local",
            description = "Comma-separated regions with queues (default: ${DEFAULT-VALUE}).")
    String regions;

    @Option(names = "--client-port", defaultValue = "7600", description = "Client TCP port (default: ${DEFAULT-VALUE}).")
    int clientPort;

    @Mixin
    OpsPortOptions ops = new OpsPortOptions(7680);

    @Mixin
    DevMode dev = new DevMode();

    @Option(names = "--session-keys", description = "Session-token key file (id:base64 per line, the first signs; "
            + "reloaded on change and on SIGHUP), shared by the match-server instances only. Required without --dev.")
    java.nio.file.Path sessionKeys;

    @Mixin
    ConnectKeyOptions keyFiles = new ConnectKeyOptions();

    @Option(names = "--login", defaultValue = "device",
            description = "Accepted identities, a list of device, token, trusted (trusted only with --dev) "
                    + "(default: ${DEFAULT-VALUE}).")
    String login;

    @Option(names = "--id-token-jwks", description = "Token login: the identity service's public keys, a JWKS file "
            + "or an https:// URL.")
    String idTokenJwks;

    @Option(names = "--id-token-issuer", description = "Token login: the exact iss claim required.")
    String idTokenIssuer;

    @Option(names = "--id-token-audience", description = "Token login: a value the aud claim must contain.")
    String idTokenAudience;

    @Option(names = "--id-token-player-claim", defaultValue = "sub",
            description = "Token login: the claim holding the player id (default: ${DEFAULT-VALUE}).")
    String idTokenPlayerClaim;

    @Option(names = "--id-token-max-skew", defaultValue = "60s",
            description = "Token login: clock skew tolerated on exp and nbf, at most 5m (default: ${DEFAULT-VALUE}).")
    Duration idTokenMaxSkew;

    @Option(names = "--login-limit-address", defaultValue = "5:20",
            description = "Login attempts per source IP, perSecond:burst or off (default: ${DEFAULT-VALUE}).")
    String loginLimitAddress;

    @Option(names = "--login-limit-account", defaultValue = "0.2:5",
            description = "Login attempts per account, perSecond:burst or off (default: ${DEFAULT-VALUE}).")
    String loginLimitAccount;

    @Option(names = "--party-invite-ttl", defaultValue = "60s",
            description = "How long a party invite may be accepted (default: ${DEFAULT-VALUE}).")
    Duration partyInviteTtl;

    @Option(names = "--skill-window", defaultValue = "duel=3:1:25:1000:6,squad=3:1:25:1000:6,ffa=4:1:25",
            description = "Per mode skill window in mu, initial:perSecond:cap, or initial:perSecond:cap:afterMs:"
                    + "thenPerSecond to widen faster after afterMs of waiting (default: ${DEFAULT-VALUE}).")
    String skillWindow;

    @Option(names = "--lobby-fill", defaultValue = "1000:250",
            description = "afterMs:stepMs: a lobby that cannot fill starts one player short after afterMs, "
                    + "and one more short every stepMs, down to 2 players in FFA; a squad keeps even teams, "
                    + "so it plays 2v2 from the second step (default: ${DEFAULT-VALUE}).")
    String lobbyFill;

    @Option(names = "--foreign-after", defaultValue = "20s",
            description = "Wait before a ticket may play in another region (default: ${DEFAULT-VALUE}).")
    Duration foreignAfter;

    @Option(names = "--foreign-rtt", defaultValue = "60:5:150",
            description = "RTT limit (ms) for another region, initial:perSecond:cap (default: ${DEFAULT-VALUE}).")
    String foreignRtt;

    @Option(names = "--formation-interval", defaultValue = "250ms",
            description = "Pause between formation rounds (default: ${DEFAULT-VALUE}).")
    Duration formationInterval;

    @Option(names = "--snapshot-limit", defaultValue = "4000",
            description = "Oldest tickets read per queue per round (default: ${DEFAULT-VALUE}).")
    int snapshotLimit;

    @Option(names = "--max-queue-size", defaultValue = "2000",
            description = "Joins to a queue with this many tickets waiting are refused with SERVER_BUSY, so an "
                    + "overload is refused at the door instead of growing waits for everyone (default: ${DEFAULT-VALUE}).")
    int maxQueueSize;

    @Option(names = "--max-expected-wait", defaultValue = "2s",
            description = "Joins to a queue whose backlog would take longer than this to form, at the formation rate "
                    + "measured over the last seconds, are refused with SERVER_BUSY before they cost Redis anything "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration maxExpectedWait;

    @Option(names = "--ticket-ttl", defaultValue = "10m",
            description = "A ticket still searching after this expires (default: ${DEFAULT-VALUE}).")
    Duration ticketTtl;

    @Option(names = "--owner-lease", defaultValue = "5s",
            description = "Tickets of an instance silent this long expire (default: ${DEFAULT-VALUE}).")
    Duration ownerLease;

    @Option(names = "--claim-timeout", defaultValue = "5s",
            description = "A claim not settled by then is recovered (default: ${DEFAULT-VALUE}).")
    Duration claimTimeout;

    @Option(names = "--formation-lease", defaultValue = "2s",
            description = "Formation lease of a queue without renewal (default: ${DEFAULT-VALUE}).")
    Duration formationLease;

    @Option(names = "--session-ttl", defaultValue = "12h", description = "Session token lifetime (default: ${DEFAULT-VALUE}).")
    Duration sessionTtl;

    @Option(names = "--connect-token-ttl", defaultValue = "10m",
            description = "Connect token lifetime; covers join window + time limit + reconnect grace, because the "
                    + "game server accepts the same token for reconnects (default: ${DEFAULT-VALUE}).")
    Duration connectTokenTtl;

    @Option(names = "--status-interval", defaultValue = "2s",
            description = "QueueUpdate pushes while waiting: after 1, 2, 4, 8, ... of these periods, fewer as the wait grows (default: ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Option(names = "--drain-delay", defaultValue = "0s",
            description = "On SIGTERM, answer /ready with 503 and keep serving this long before closing the client "
                    + "connections (their tickets are handed over): behind a load balancer, longer than its health "
                    + "checks take to mark the instance down (HAProxy as shipped: 2.5 s, up to 5 s measured under load), so the clients reconnect "
                    + "straight to another instance (default: ${DEFAULT-VALUE}).")
    Duration drainDelay;

    @Option(names = "--reserve-window", defaultValue = "2s",
            description = "How long allocated players count against a game server before its heartbeat does "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration reserveWindow;

    @Option(names = "--tcp-threads", defaultValue = "1", description = "TCP event-loop threads (default: ${DEFAULT-VALUE}).")
    int tcpThreads;

    @Option(names = "--worker-threads", defaultValue = "8",
            description = "Threads for leave and status requests (default: ${DEFAULT-VALUE}).")
    int workerThreads;

    @Option(names = "--join-threads", defaultValue = "2",
            description = "Threads that write joins to Redis in batches (default: ${DEFAULT-VALUE}).")
    int joinThreads;

    @Option(names = "--placement-threads", defaultValue = "4",
            description = "Threads that form, claim, allocate and notify, one queue each at a time (default: ${DEFAULT-VALUE}).")
    int placementThreads;

    @Option(names = "--max-players-per-connection", defaultValue = "1000",
            description = "Players one connection may log in (default: ${DEFAULT-VALUE}).")
    int maxPlayersPerConnection;

    @Option(names = "--rate-limit", defaultValue = "20:40",
            description = "Requests per second and burst on one connection, whatever players it speaks for, perSecond:burst, or off; "
                    + "beyond it requests get RATE_LIMITED (default: ${DEFAULT-VALUE}).")
    String rateLimit;

    @Option(names = "--join-limit", defaultValue = "1:5",
            description = "Queue joins per second and burst per player, perSecond:burst or off; beyond it joins get "
                    + "RATE_LIMITED (default: ${DEFAULT-VALUE}).")
    String joinLimit;

    @Option(names = "--max-in-flight", defaultValue = "32",
            description = "Requests of one connection waiting for the workers and Redis at once; beyond it requests "
                    + "get SERVER_BUSY (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--shed-logins-above", defaultValue = "1s",
            description = "While the request queues stand longer than this (the oldest waiting request's wait, or the "
                    + "workers' backlog's drain time at their measured rate when shorter), "
                    + "new logins get SERVER_BUSY before any work, in proportion to the excess: half of them at 1.5 times "
                    + "this, all from twice this; logged-in players' requests go on (default: ${DEFAULT-VALUE}).")
    Duration shedLoginsAbove;

    @Option(names = "--max-queue-wait", defaultValue = "5s",
            description = "A request that waited longer than this for a worker or a join batch gets SERVER_BUSY before "
                    + "any Redis work; one whose connection closed meanwhile is dropped (default: ${DEFAULT-VALUE}).")
    Duration maxQueueWait;

    @Option(names = "--join-linger", defaultValue = "20ms",
            description = "How long a join may wait for others to share its batch's Redis calls while the batch is "
                    + "small; 0 writes each join as soon as a join thread is free (default: ${DEFAULT-VALUE}).")
    Duration joinLinger;

    @Option(names = "--min-client-version",
            description = "Oldest client build (semantic version, e.g. 1.4.0) that may log in; older or missing "
                    + "versions get CLIENT_OUTDATED (default: any).")
    String minClientVersion;

    public static void main(String[] args) {
        int exitCode = CommandRunner.run(new MatchServerMain(), args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    MatchServerConfig config() {
        if (drainDelay.isNegative()) {
            throw new ConfigException("drain-delay", drainDelay, "a duration of zero or more, e.g. 3s");
        }
        KeyRingSource session = KeyRingOptions.open("session-keys", sessionKeys, dev.enabled(), DevDefaults.SESSION_KEYS,
                LOG);
        KeyRingSource connect = keyFiles.connectKeys(dev, LOG);
        Widening rtt;
        try {
            rtt = Widening.parse(foreignRtt);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("foreign-rtt", foreignRtt, e.getMessage());
        }
        LobbyFill fill;
        try {
            fill = LobbyFill.parse(lobbyFill);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("lobby-fill", lobbyFill, e.getMessage());
        }
        Map<QueueMode, FormationRules> rules = new EnumMap<>(QueueMode.class);
        for (Map.Entry<QueueMode, Widening> window : parseWindows(skillWindow).entrySet()) {
            rules.put(window.getKey(), new FormationRules(window.getValue(), rtt, foreignAfter.toMillis(), fill));
        }
        List<String> regionList = new ArrayList<>();
        Arrays.stream(regions.split(",")).map(String::trim).filter(r -> !r.isEmpty()).forEach(regionList::add);
        MatchmakerConfig matchmaker = new MatchmakerConfig(instance.instanceId("match"),
                regionList, rules, formationInterval, snapshotLimit, maxQueueSize, claimTimeout, ownerLease, ticketTtl, formationLease,
                connectTokenTtl, placementThreads, maxExpectedWait);
        RequestLimit limit = limit("rate-limit", rateLimit);
        ClientVersion minimum = null;
        if (minClientVersion != null && !minClientVersion.isBlank()) {
            try {
                minimum = ClientVersion.require(minClientVersion);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("min-client-version", minClientVersion, e.getMessage());
            }
        }
        return new MatchServerConfig(serverOptions.bindHost(), clientPort, ops.opsPort(), tcpThreads, workerThreads, joinThreads,
                serverOptions.redis(), session, connect, loginConfig(), partyInviteTtl, sessionTtl, statusInterval,
                maxPlayersPerConnection, limit, limit("join-limit", joinLimit), maxInFlight, minimum, reserveWindow,
                matchmaker, clientTransport.config(dev, loginTimeout, idleTimeout),
                new AdmissionConfig(shedLoginsAbove, maxQueueWait, joinLinger));
    }

    private LoginConfig loginConfig() {
        Set<LoginMode> modes;
        try {
            modes = LoginMode.parseList(login);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("login", login, e.getMessage());
        }
        IdTokenConfig idToken = null;
        if (modes.contains(LoginMode.TOKEN)) {
            try {
                idToken = new IdTokenConfig(idTokenJwks, idTokenIssuer, idTokenAudience, idTokenPlayerClaim, idTokenMaxSkew);
                new IdTokenVerifier(idToken, InstantSource.system()); // the JWKS file must exist and parse now
            } catch (IllegalArgumentException e) {
                throw new ConfigException("login", login, e.getMessage());
            }
        }
        return new LoginConfig(modes, dev.enabled(), idToken, limit("login-limit-address", loginLimitAddress),
                limit("login-limit-account", loginLimitAccount));
    }

    private static RequestLimit limit(String option, String text) {
        try {
            return RequestLimit.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option, text, e.getMessage());
        }
    }

    /** {@code duel=3:1:25,squad=...}; every mode must be present. */
    static Map<QueueMode, Widening> parseWindows(String text) {
        Map<QueueMode, Widening> windows = new EnumMap<>(QueueMode.class);
        for (String entry : text.split(",")) {
            int eq = entry.indexOf('=');
            QueueMode mode = eq > 0 ? QueueMode.fromWireName(entry.substring(0, eq).trim()) : null;
            if (mode == null) {
                throw new ConfigException("skill-window", text,
                        "expected mode=initial:perSecond:cap[:afterMs:thenPerSecond] per mode (duel, squad, ffa)");
            }
            try {
                windows.put(mode, Widening.parse(entry.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("skill-window", text, e.getMessage());
            }
        }
        for (QueueMode mode : QueueMode.values()) {
            if (!windows.containsKey(mode)) {
                throw new ConfigException("skill-window", text, "missing mode " + mode.wireName());
            }
        }
        return windows;
    }

    @Override
    public Integer call() throws Exception {
        MatchServerConfig config = config();
        String instance = config.matchmaker().instanceId();
        logOptions.apply("match-server", instance);
        Lifecycle lifecycle = new Lifecycle("match-server");
        try {
            PrometheusMeterRegistry registry = MeterRegistries.prometheus("match-server", instance);
            lifecycle.register("metrics", registry::close);
            UnifiedJedis redis = lifecycle.register("redis",
                    RedisConnector.open(config.redis(), "match-server-" + instance, Duration.ofSeconds(2),
                            config.redisConnections()));
            DependencyGauge.bind(registry, "redis", RedisConnector.readiness(redis));
            AtomicReference<MatchServer> started = new AtomicReference<>();
            ReadinessDrain drain = ReadinessDrain.sleeping(drainDelay);
            lifecycle.register("ops", OpsServer.start(config.bindHost(), config.opsPort(), registry,
                    List.of(RedisConnector.readiness(redis), drain,
                            () -> started.get() == null ? "starting" : started.get().notReadyReason())));
            lifecycle.register("key-files", keyFiles.watcher(List.of(config.sessionKeys(), config.connectKeys())));
            MatchServer server = new MatchServer(config, redis, registry, InstantSource.system());
            started.set(server);
            lifecycle.register("match-server", server);
            lifecycle.register("drain", drain); // closed first: not ready, still serving, for the drain delay
        } catch (RuntimeException | InterruptedException e) {
            lifecycle.close();
            throw e;
        }
        lifecycle.closeOnShutdown();
        lifecycle.awaitStopped();
        return 0;
    }
}
