package io.skirmish.bots.bench;

import io.skirmish.protocol.contract.RegistryKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.TokenKeyRing;
import redis.clients.jedis.UnifiedJedis;

/**
 * Does for the benchmark what the match-server does for real players: writes
 * {@code MatchAllocation}s to the game server's allocation list and signs one connect token per
 * player, using the registry contract's keys ({@link RegistryKeys}, shared through service-kit).
 * Free-for-all only: the largest mode (8 players).
 */
final class MatchAllocator {

    static final int PLAYERS_PER_MATCH = 8;

    private final UnifiedJedis redis;
    private final String serverId;
    private final String region;
    private final ConnectTokenIssuer issuer;
    private final InstantSource wallClock;

    /** {@code wallClock} dates the allocations and the tokens, as the match-server's does. */
    MatchAllocator(UnifiedJedis redis, String serverId, String region, TokenKeyRing keys, Duration tokenTtl,
                   InstantSource wallClock) {
        this.redis = redis;
        this.serverId = serverId;
        this.region = region;
        this.wallClock = wallClock;
        this.issuer = new ConnectTokenIssuer(keys, wallClock, tokenTtl, new SecureRandom());
    }

    /** The game server's registry hash (ports, state), empty while it has not registered. */
    Map<String, String> serverHash() {
        return redis.hgetAll(RegistryKeys.server(serverId));
    }

    /** Allocations written but not yet taken by the game server. */
    long pendingAllocations() {
        return redis.llen(allocationsKey());
    }

    /** One allocated match: its id and, per slot, the player id and connect token. */
    record Allocated(String matchId, List<String> playerIds, List<byte[]> tokens) {
    }

    /** Allocates one FFA match for {@code playerIds} (slot order) and signs their tokens. */
    Allocated allocate(String matchId, List<String> playerIds) {
        MatchAllocation.Builder allocation = MatchAllocation.newBuilder().setMatchId(matchId)
                .setMode(GameMode.GAME_MODE_FFA).setRegion(region).setGameServerId(serverId).setQuality(1.0)
                .setAllocatedAtMs(wallClock.millis());
        List<byte[]> tokens = new ArrayList<>(playerIds.size());
        for (int slot = 0; slot < playerIds.size(); slot++) {
            // Free-for-all: every player is its own team; teams are 1-based on the wire.
            int team = slot + 1;
            allocation.addPlayers(AllocatedPlayer.newBuilder().setPlayerId(playerIds.get(slot)).setTeam(team));
            tokens.add(issuer.issue(playerIds.get(slot), matchId, serverId, team, GameMode.GAME_MODE_FFA).bytes());
        }
        redis.rpush(allocationsKey().getBytes(StandardCharsets.UTF_8), allocation.build().toByteArray());
        return new Allocated(matchId, List.copyOf(playerIds), tokens);
    }

    private String allocationsKey() {
        return RegistryKeys.allocations(serverId);
    }
}
