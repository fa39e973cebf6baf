package io.skirmish.game.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.contract.RegistryKeys;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * An allocation this server pops and does not host (refused: full or draining; or invalid) goes
 * back to the match-servers on a real {@code redis-server}: its match turns {@code aborted} in its
 * fate record, leaves this incarnation's {@code hosted} set and waits in the aborting set already
 * overdue, where the next lost-server sweep records it aborted, requeues its tickets and tells its
 * players. Before, it stayed {@code allocated} on a live server: no result, no abort, its players
 * refused {@code MATCH_NOT_FOUND} until they gave up.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AllocationRefusalIT {

    private static final String SERVER = "gs-1";
    private static final String INCARNATION = "19aabbcc00112233";

    @TempDir
    Path work;

    @Test
    void aRefusedAllocationIsHandedBackToBeAbortedAndRequeued() {
        try (RedisServerProcess server = RedisServerProcess.start(RedisServerConfig.defaults(work));
             UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(server.endpoint().uri().toString()), "it",
                     Duration.ofSeconds(5))) {
            HostedMatches hosted = new HostedMatches(redis, identity());
            allocate(redis, "m-1", "allocated");
            AllocationPoller poller = new AllocationPoller(redis, SERVER, INCARNATION, 1, spec -> false, hosted::refused);

            assertThat(poller.pollOnce()).isTrue();

            assertThat(redis.hgetAll(RegistryKeys.match("m-1"))).containsEntry("state", "aborted")
                    .containsEntry("reason", "refused").containsEntry("tickets", "t-1,t-2");
            assertThat(redis.sismember(RegistryKeys.hosted(INCARNATION, SERVER), "m-1")).isFalse();
            assertThat(redis.zscore(RegistryKeys.aborting(), "m-1")).as("overdue at once").isZero();
        }
    }

    @Test
    void aMatchThatEndedOrWasAbortedMeanwhileIsLeftAsItIs() {
        try (RedisServerProcess server = RedisServerProcess.start(RedisServerConfig.defaults(work));
             UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(server.endpoint().uri().toString()), "it",
                     Duration.ofSeconds(5))) {
            HostedMatches hosted = new HostedMatches(redis, identity());
            allocate(redis, "m-2", "ended");

            assertThat(hosted.refused("m-2", "refused")).isFalse();

            assertThat(redis.hget(RegistryKeys.match("m-2"), "state")).isEqualTo("ended");
            assertThat(redis.zscore(RegistryKeys.aborting(), "m-2")).isNull();
        }
    }

    private static ServerIdentity identity() {
        return new ServerIdentity(SERVER, "127.0.0.1", 7700, 7701, "local", 100, INCARNATION);
    }

    /** What the match-server's allocation leaves in Redis: the fate record, the hosted entry, the list entry. */
    private static void allocate(UnifiedJedis redis, String matchId, String state) {
        redis.hset(RegistryKeys.match(matchId), Map.of("state", state, "server", SERVER, "slots", "a:1,b:2",
                "tickets", "t-1,t-2"));
        redis.sadd(RegistryKeys.hosted(INCARNATION, SERVER), matchId);
        redis.rpush(RegistryKeys.allocations(SERVER).getBytes(StandardCharsets.UTF_8), MatchAllocation.newBuilder()
                .setMatchId(matchId).setMode(GameMode.GAME_MODE_DUEL).setRegion("local").setGameServerId(SERVER)
                .setGameServerIncarnation(INCARNATION)
                .addPlayers(AllocatedPlayer.newBuilder().setPlayerId("a").setTeam(1))
                .addPlayers(AllocatedPlayer.newBuilder().setPlayerId("b").setTeam(2)).build().toByteArray());
    }
}
