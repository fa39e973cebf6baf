package io.skirmish.match.queue;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.testkit.junit.RedisClusterTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisClusterEndpoint;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settling and releasing queue index entries on a real Redis, single node and cluster (where a
 * batch's players live in many slots): an entry goes only while it names its own ticket, and a
 * settled player is pointed at its matched ticket in the same call.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlayerDirectorySettleIT {

    private static final long TTL_MS = 60_000;

    static void settlesAndReleasesOnlyTheirOwnEntries(UnifiedJedis redis) {
        PlayerDirectory directory = new PlayerDirectory(redis);
        QueueScripts.all().forEach(script -> script.load(redis));
        List<PlayerDirectory.Request> tickets = new ArrayList<>();
        for (int t = 0; t < 1_500; t++) { // 3,000 players: more than one MGET slice of 1,000
            List<String> players = List.of("settle-" + t + "a", "settle-" + t + "b");
            tickets.add(new PlayerDirectory.Request(QueueMode.DUEL, players,
                    new PlayerDirectory.Entry(QueueMode.DUEL, "eu", "ticket-" + t)));
        }
        assertThat(directory.reserveAll(tickets, TTL_MS)).allMatch(PlayerDirectory.Reservation::ok);
        // One player was taken over and queued again meanwhile: its entry names another ticket.
        redis.set(MatchKeys.queued("settle-0a"), "duel|eu|ticket-later|1");

        directory.settleAll(tickets.subList(0, 1_000));
        directory.releaseAll(tickets.subList(1_000, 1_500));

        assertThat(redis.get(MatchKeys.queued("settle-0a"))).isEqualTo("duel|eu|ticket-later|1");
        List<String> left = IntStream.range(0, 1_500).boxed()
                .flatMap(t -> tickets.get(t).players().stream())
                .filter(player -> redis.exists(MatchKeys.queued(player))).toList();
        assertThat(left).containsExactly("settle-0a");
        for (int t : List.of(0, 1, 999)) {
            for (String player : tickets.get(t).players()) {
                assertThat(directory.matched().lookup(player)).isEqualTo(tickets.get(t).entry());
                assertThat(redis.pttl(MatchKeys.matched(player))).isPositive()
                        .isLessThanOrEqualTo(TicketStore.MATCHED_KEEP_MS);
            }
        }
        assertThat(directory.matched().lookup("settle-1000a")).as("released, not matched").isNull();
    }

    @Nested
    @RedisTest(flushEachTest = true)
    class SingleNode {
        @Test
        void settlesAndReleasesOnlyTheirOwnEntries(RedisEndpoint endpoint) {
            try (UnifiedJedis redis = RedisConnector.open(RedisAddress.parse("redis://" + endpoint.host() + ":"
                    + endpoint.port()), "settle-it", Duration.ofSeconds(5))) {
                PlayerDirectorySettleIT.settlesAndReleasesOnlyTheirOwnEntries(redis);
            }
        }
    }

    @Nested
    @RedisClusterTest
    class Cluster {
        @Test
        void settlesAndReleasesOnlyTheirOwnEntries(RedisClusterEndpoint endpoint) {
            try (UnifiedJedis redis = RedisConnector.open(RedisAddress.parse("redis-cluster://" + endpoint.nodes().stream()
                    .map(Object::toString).collect(Collectors.joining(","))), "settle-it", Duration.ofSeconds(5))) {
                PlayerDirectorySettleIT.settlesAndReleasesOnlyTheirOwnEntries(redis);
            }
        }
    }
}
