package io.skirmish.match.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.contract.RegistryKeys;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

/**
 * The claim of lost servers' matches on a real {@code redis-server}, judged at the moment it
 * runs. The 3-minute reliability count (23:05, one Redis node) aborted 9 matches of a live game
 * server: a sweep's claim sent while the match-server's link to Redis was partitioned was held
 * by the link and ran when it healed, 3 to 7 s later, while the game server's registry entry,
 * expired during the same outage, had not been written again yet (it was 0.3 s later).
 */
@RedisTest(flushEachTest = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LostServersIT {

    private static final String MATCH = "m-1";

    @Test
    void aClaimThatRunsLongAfterItsSweepReadTheClockDeclaresNothingLost(RedisEndpoint endpoint) {
        try (UnifiedJedis redis = open(endpoint)) {
            LostServers lost = serverWithoutRegistryEntry(redis);

            long heldUpMs = lost.redisTimeMs() - 5_000; // decided 5 s ago, delivered only now

            assertThatThrownBy(() -> lost.claim(heldUpMs, heldUpMs + 5_000, 64, "server_lost"))
                    .isInstanceOf(LostServers.LateClaimException.class).hasMessageContaining("no server declared lost");
            assertThat(redis.hget(RegistryKeys.match(MATCH), "state")).isEqualTo("allocated");
            assertThat(redis.smembers(RegistryKeys.hosted("inc-1", "gs-x"))).containsExactly(MATCH);
            assertThat(redis.zcard(RegistryKeys.aborting())).isZero();
        }
    }

    @Test
    void aServerMissingFromTheRegistryIsLostWhenASweepASecondLaterStillMissesIt(RedisEndpoint endpoint) {
        try (UnifiedJedis redis = open(endpoint)) {
            LostServers lost = serverWithoutRegistryEntry(redis);
            long now = lost.redisTimeMs();

            assertThat(lost.claim(now, now + 5_000, 64, "server_lost")).as("first seen missing").isEmpty();
            assertThat(redis.hget(RegistryKeys.match(MATCH), "state")).isEqualTo("allocated");

            assertThat(lost.claim(now + 1_000, now + 6_000, 64, "server_lost")).extracting(LostMatch::matchId)
                    .containsExactly(MATCH);
            assertThat(redis.hget(RegistryKeys.match(MATCH), "state")).isEqualTo("aborted");
        }
    }

    /** A heartbeat that stalls a moment past the TTL (CPU load): the server is back by the next sweep. */
    @Test
    void aServerBackInTheRegistryByTheNextSweepKeepsItsMatches(RedisEndpoint endpoint) {
        try (UnifiedJedis redis = open(endpoint)) {
            LostServers lost = serverWithoutRegistryEntry(redis);
            long now = lost.redisTimeMs();
            assertThat(lost.claim(now, now + 5_000, 64, "server_lost")).isEmpty();

            redis.hset(RegistryKeys.server("gs-x"), Map.of("state", "ready", "incarnation", "inc-1"));

            assertThat(lost.claim(now + 1_000, now + 6_000, 64, "server_lost")).isEmpty();
            assertThat(lost.claim(now + 2_000, now + 7_000, 64, "server_lost")).isEmpty();
            assertThat(redis.hget(RegistryKeys.match(MATCH), "state")).isEqualTo("allocated");
        }
    }

    private static UnifiedJedis open(RedisEndpoint endpoint) {
        return RedisConnector.open(RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port()), "it-claim",
                Duration.ofSeconds(5));
    }

    /** Incarnation {@code inc-1} of {@code gs-x} hosts one allocated match and has no registry entry (TTL ran out). */
    private static LostServers serverWithoutRegistryEntry(UnifiedJedis redis) {
        redis.sadd(RegistryKeys.hosting(), "inc-1:gs-x");
        redis.sadd(RegistryKeys.hosted("inc-1", "gs-x"), MATCH);
        redis.hset(RegistryKeys.match(MATCH), Map.of("state", "allocated", "server", "gs-x", "slots", "a=0,b=1",
                "tickets", ""));
        LostServers lost = new LostServers(redis, 600_000);
        lost.loadScripts();
        return lost;
    }
}
