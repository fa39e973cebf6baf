package io.skirmish.match.queue;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.testkit.junit.RedisClusterTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisClusterEndpoint;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Presence entries on a real Redis, single node and cluster. */
class PlayerPresenceIT {

    private static final Duration TTL = Duration.ofMinutes(10);

    static void announceLocateWithdraw(UnifiedJedis redis) {
        PlayerPresence a = new PlayerPresence(redis, "m-a", TTL);
        PlayerPresence b = new PlayerPresence(redis, "m-b", TTL);
        a.loadScripts();
        List<String> players = IntStream.range(0, 40).mapToObj(i -> "presence-p" + i).toList();

        a.announce(players);
        b.announce(List.of("presence-p0", "presence-p1")); // reconnected to m-b
        a.withdraw(players); // m-a's connections close: m-b's entries stay

        Map<String, String> located = a.locate(players);
        assertThat(located).containsOnly(Map.entry("presence-p0", "m-b"), Map.entry("presence-p1", "m-b"));
        long ttlMs = redis.pttl(MatchKeys.presence("presence-p0"));
        assertThat(ttlMs).isPositive().isLessThanOrEqualTo(TTL.toMillis());

        // A login on m-a takes the entry over and learns, in the same command, that m-b held it.
        assertThat(a.claim("presence-p0")).isEqualTo("m-b");
        assertThat(a.claim("presence-p5")).as("nobody held it").isNull();
        assertThat(a.locate(List.of("presence-p0", "presence-p5")))
                .containsOnly(Map.entry("presence-p0", "m-a"), Map.entry("presence-p5", "m-a"));
        assertThat(redis.pttl(MatchKeys.presence("presence-p5"))).isPositive().isLessThanOrEqualTo(TTL.toMillis());
    }

    @Nested
    @RedisTest(flushEachTest = true)
    class SingleNode {
        @Test
        void aWithdrawDeletesOnlyEntriesThatStillNameTheInstance(RedisEndpoint endpoint) {
            try (UnifiedJedis redis = RedisConnector.open(RedisAddress.parse("redis://" + endpoint.host() + ":"
                    + endpoint.port()), "presence-it", Duration.ofSeconds(5))) {
                announceLocateWithdraw(redis);
            }
        }
    }

    @Nested
    @RedisClusterTest
    class Cluster {
        @Test
        void aWithdrawDeletesOnlyEntriesThatStillNameTheInstance(RedisClusterEndpoint endpoint) {
            try (UnifiedJedis redis = RedisConnector.open(RedisAddress.parse("redis-cluster://" + endpoint.nodes().stream()
                    .map(Object::toString).collect(Collectors.joining(","))), "presence-it", Duration.ofSeconds(5))) {
                announceLocateWithdraw(redis);
            }
        }
    }
}
