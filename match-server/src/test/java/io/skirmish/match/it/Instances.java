package io.skirmish.match.it;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.MatchServer;
import io.skirmish.match.MatchServerConfig;
import io.skirmish.match.auth.LoginConfig;
import io.skirmish.match.auth.LoginMode;
import io.skirmish.match.net.ClientVersion;
import io.skirmish.match.net.RequestLimit;
import io.skirmish.match.queue.MatchmakerConfig;
import io.skirmish.match.rules.FormationRules;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Widening;
import io.skirmish.protocol.token.TokenKeyRing;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Match-server instances in the test JVM, each with its own Redis client, against one Redis. */
final class Instances implements AutoCloseable {

    /** Connect-token keys (what a game server would verify with). */
    static final TokenKeyRing KEYS = TokenKeyRing.of(1, "integration-test-secret-of-at-least-32-bytes!".getBytes());
    static final TokenKeyRing SESSION_KEYS = TokenKeyRing.of(1, "integration-test-session-secret-32-bytes-or-more".getBytes());
    /** Trusted and device logins (these tests run in development mode), no login limits. */
    static final LoginConfig LOGIN = new LoginConfig(EnumSet.of(LoginMode.TRUSTED, LoginMode.DEVICE), true, null,
            RequestLimit.OFF, RequestLimit.OFF);

    private final RedisAddress address;
    final List<MatchServer> servers = new ArrayList<>();
    private final List<UnifiedJedis> clients = new ArrayList<>();

    Instances(RedisAddress address) {
        this.address = address;
    }

    static MatchServerConfig config(String instanceId, List<String> regions, Widening window) {
        return config(instanceId, regions, window, RequestLimit.OFF, null);
    }

    static MatchServerConfig config(String instanceId, List<String> regions, Widening window, RequestLimit limit,
                                    ClientVersion minClientVersion) {
        return config(instanceId, regions, window, limit, minClientVersion, 100_000);
    }

    static MatchServerConfig config(String instanceId, List<String> regions, Widening window, RequestLimit limit,
                                    ClientVersion minClientVersion, int maxQueueSize) {
        return config(instanceId, regions, window, limit, minClientVersion, maxQueueSize, 1_000);
    }

    static MatchServerConfig config(String instanceId, List<String> regions, Widening window, RequestLimit limit,
                                    ClientVersion minClientVersion, int maxQueueSize, int maxInFlight) {
        Map<QueueMode, FormationRules> rules = new EnumMap<>(QueueMode.class);
        for (QueueMode mode : QueueMode.values()) {
            rules.put(mode, new FormationRules(window, Widening.parse("60:5:150"), 20_000));
        }
        MatchmakerConfig mm = new MatchmakerConfig(instanceId, regions, rules, Duration.ofMillis(100), 4000, maxQueueSize,
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofSeconds(3),
                Duration.ofMinutes(10), 2, Duration.ofSeconds(2));
        return new MatchServerConfig("127.0.0.1", 0, 0, 1, 4, 2, RedisAddress.parse("redis://127.0.0.1:1"), SESSION_KEYS,
                KEYS, LOGIN, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofSeconds(1), 5_000, limit, RequestLimit.OFF, maxInFlight, minClientVersion,
                Duration.ofSeconds(2), mm);
    }

    MatchServer start(String instanceId, List<String> regions, Widening window) throws InterruptedException {
        return start(config(instanceId, regions, window));
    }

    MatchServer start(MatchServerConfig config) throws InterruptedException {
        UnifiedJedis redis = RedisConnector.open(address, "it-" + config.matchmaker().instanceId(), Duration.ofSeconds(5),
                config.redisConnections());
        clients.add(redis);
        MatchServer server = new MatchServer(config, redis, new SimpleMeterRegistry(), InstantSource.system());
        servers.add(server);
        return server;
    }

    @Override
    public void close() {
        servers.forEach(MatchServer::close);
        clients.forEach(UnifiedJedis::close);
    }
}
