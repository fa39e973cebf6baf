package io.skirmish.game.it;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.skirmish.client.GameClient;
import io.skirmish.client.GameSession;
import io.skirmish.game.GameServer;
import io.skirmish.game.GameServerConfig;
import io.skirmish.game.match.Modes;
import io.skirmish.protocol.contract.RegistryKeys;
import io.skirmish.game.tick.TickConfig;
import io.skirmish.game.world.ArenaRules;
import io.skirmish.game.world.MatchMode;
import io.skirmish.kit.ops.MeterRegistries;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.TokenKeyRing;
import io.skirmish.testkit.process.RedisEndpoint;
import org.awaitility.Awaitility;
import redis.clients.jedis.UnifiedJedis;

/**
 * A real game server on loopback against real Redis, plus what a match-server would do for it
 * (write allocations, sign connect tokens) and real game clients.
 */
final class GameServerFixture implements AutoCloseable {

    static final TokenKeyRing KEYS = TokenKeyRing.of(1, "integration-test-secret-of-at-least-32-bytes!".getBytes());

    final String serverId;
    final UnifiedJedis redis;
    final PrometheusMeterRegistry registry;
    final GameServer server;
    final GameClient client = new GameClient(1);
    final ConnectTokenIssuer issuer;
    private final List<GameSession> sessions = new ArrayList<>();

    GameServerFixture(RedisEndpoint endpoint, String serverId, Duration joinWindow, Duration grace)
            throws InterruptedException {
        this(endpoint, serverId, joinWindow, grace, 1, 1);
    }

    /** A server with {@code tickAgents} tick lanes and {@code udpThreads} UDP sockets on its port. */
    GameServerFixture(RedisEndpoint endpoint, String serverId, Duration joinWindow, Duration grace, int tickAgents,
                      int udpThreads) throws InterruptedException {
        this.serverId = serverId;
        this.redis = RedisConnector.open(RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port()),
                "it", Duration.ofSeconds(2));
        this.registry = MeterRegistries.prometheus("game-server", serverId);
        GameServerConfig config = new GameServerConfig(serverId, "it", "127.0.0.1", "127.0.0.1", 0, 0, 0, tickAgents, 1, udpThreads, 100,
                TickConfig.defaults().withWindows(joinWindow, grace), ArenaRules.standard(),
                RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port()), KEYS,
                Duration.ofMillis(200), Duration.ofSeconds(30));
        this.server = new GameServer(config, redis, registry);
        this.issuer = new ConnectTokenIssuer(KEYS, InstantSource.system(), Duration.ofMinutes(5), new SecureRandom());
    }

    /** Writes an allocation the way the match-server does and waits until the server hosts it. */
    void allocate(String matchId, MatchMode mode, List<String> players) {
        MatchAllocation.Builder allocation = MatchAllocation.newBuilder().setMatchId(matchId)
                .setMode(Modes.toWire(mode)).setRegion("it").setGameServerId(serverId).setQuality(0.8)
                .setAllocatedAtMs(System.currentTimeMillis());
        for (int slot = 0; slot < players.size(); slot++) {
            allocation.addPlayers(AllocatedPlayer.newBuilder().setPlayerId(players.get(slot))
                    .setTeam((mode.respawns() ? slot : slot / mode.playersPerTeam()) + 1));
        }
        redis.rpush(RegistryKeys.allocations(serverId).getBytes(), allocation.build().toByteArray());
        Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .until(() -> server.directory().match(matchId) != null);
    }

    byte[] token(String playerId, String matchId, MatchMode mode) {
        return issuer.issue(playerId, matchId, serverId, 0, Modes.toWire(mode)).bytes();
    }

    GameSession connect(byte[] token) throws Exception {
        GameSession session = GameSession.connect(client, "127.0.0.1", server.tcpPort(), server.udpPort(), token)
                .get(10, TimeUnit.SECONDS);
        sessions.add(session);
        return session;
    }

    /** Resumes a dropped slot: the same token and the dropped session's resume secret. */
    GameSession resume(byte[] token, byte[] resumeSecret) throws Exception {
        GameSession session = GameSession.resume(client, "127.0.0.1", server.tcpPort(), server.udpPort(), token,
                resumeSecret).get(10, TimeUnit.SECONDS);
        sessions.add(session);
        return session;
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        sessions.forEach(GameSession::close);
        client.close();
        server.close();
        registry.close();
        redis.close();
    }
}
