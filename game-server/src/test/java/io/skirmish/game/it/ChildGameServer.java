package io.skirmish.game.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.skirmish.game.GameServerMain;
import io.skirmish.game.match.Modes;
import io.skirmish.game.world.MatchMode;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.contract.RegistryKeys;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.TokenKeyRing;
import io.skirmish.testkit.process.ChildService;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.RedisEndpoint;
import redis.clients.jedis.UnifiedJedis;

/**
 * The real {@code GameServerMain} in a child JVM, plus what a match-server would do for it: write
 * allocations into Redis and sign connect tokens with the key the server was given.
 */
final class ChildGameServer implements AutoCloseable {

    private static final byte[] SECRET = "attack-test-secret-of-at-least-32-bytes!!".getBytes();

    final String serverId;
    final int tcpPort = FreePorts.next();
    final int udpPort = FreePorts.next();
    final ChildService process;
    private final UnifiedJedis redis;
    private final ConnectTokenIssuer issuer;

    ChildGameServer(Path workDir, RedisEndpoint endpoint, String serverId, String... extraArgs) throws IOException {
        this.serverId = serverId;
        Path keys = Files.writeString(workDir.resolve(serverId + "-connect.keys"),
                "1:" + Base64.getEncoder().encodeToString(SECRET) + "\n");
        List<String> args = new ArrayList<>(List.of("--server-id=" + serverId, "--redis-url=" + endpoint.uri(),
                "--tcp-port=" + tcpPort, "--udp-port=" + udpPort, "--tick-agents=1", "--join-window=60s",
                "--connect-keys=" + keys));
        args.addAll(List.of(extraArgs));
        this.process = new ChildService(workDir, serverId, GameServerMain.class.getName(), args.toArray(String[]::new));
        this.redis = RedisConnector.open(RedisAddress.parse(endpoint.uri().toString()), "attack-it", Duration.ofSeconds(5));
        this.issuer = new ConnectTokenIssuer(TokenKeyRing.of(1, SECRET), InstantSource.system(), Duration.ofMinutes(5),
                new SecureRandom());
    }

    ChildGameServer start() {
        process.start();
        return this;
    }

    /** Writes a duel's allocation the way the match-server does (the server picks it up within a second). */
    void allocateDuel(String matchId, String first, String second) {
        MatchAllocation.Builder allocation = MatchAllocation.newBuilder().setMatchId(matchId)
                .setMode(Modes.toWire(MatchMode.DUEL)).setRegion("local").setGameServerId(serverId).setQuality(0.8)
                .setAllocatedAtMs(System.currentTimeMillis());
        allocation.addPlayers(AllocatedPlayer.newBuilder().setPlayerId(first).setTeam(1));
        allocation.addPlayers(AllocatedPlayer.newBuilder().setPlayerId(second).setTeam(2));
        redis.rpush(RegistryKeys.allocations(serverId).getBytes(), allocation.build().toByteArray());
    }

    byte[] token(String playerId, String matchId) {
        return issuer.issue(playerId, matchId, serverId, 0, Modes.toWire(MatchMode.DUEL)).bytes();
    }

    double metric(String family, String label) {
        return process.metric(family, label);
    }

    @Override
    public void close() {
        process.close();
        redis.close();
    }
}
