package io.skirmish.match.it;

import com.google.protobuf.ByteString;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.MatchServer;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.queue.TicketStore;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Widening;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.QueueUpdate;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two match-servers share a queue; the one holding a queued player's connection is killed. The
 * player logs in on the other one (as a client behind a load balancer does), finds its ticket in
 * its place, keeps it past the dead instance's owner lease, and is matched through the survivor.
 */
@RedisTest(flushEachTest = true)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MatchServerFailoverIT {

    private static final String REGION = "it";
    private static final MatchKeys.Queue QUEUE = new MatchKeys.Queue(QueueMode.DUEL, REGION);

    @Test
    void aQueuedPlayerWhoseInstanceDiedResumesItsTicketOnTheOtherAndIsMatched(RedisEndpoint endpoint) throws Exception {
        RedisAddress address = RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port());
        try (Instances instances = new Instances(address);
             UnifiedJedis redis = RedisConnector.open(address, "it-failover", Duration.ofSeconds(5));
             FakeGameServers games = new FakeGameServers(redis)) {
            games.add("gs-a", REGION, 1_000, 0.9);
            MatchServer doomed = instances.start("m1", List.of(REGION), Widening.parse("3:4:100"));
            MatchServer survivor = instances.start("m2", List.of(REGION), Widening.parse("3:4:100"));
            MatchClient first = MatchClient.connect(doomed.port());
            ByteString firstSession = first.session("alice");
            QueueUpdate joined = first.join(firstSession, GameMode.GAME_MODE_DUEL, REGION).get(30, TimeUnit.SECONDS)
                    .getQueueUpdate();
            assertThat(joined.getState()).isEqualTo(QueueState.QUEUE_STATE_SEARCHING);
            String ticketId = redis.zrange(QUEUE.waiting(), 0, -1).get(0);

            doomed.kill();
            MatchClient again = MatchClient.connect(survivor.port());
            ByteString session = again.session("alice");
            QueueUpdate resumed = again.status(session).get(30, TimeUnit.SECONDS).getQueueUpdate();

            assertThat(resumed.getState()).as("still queued after the re-login").isEqualTo(QueueState.QUEUE_STATE_SEARCHING);
            assertThat(resumed.getPosition()).as("in its place").isEqualTo(1);
            assertThat(new TicketStore(redis).read(QUEUE, ticketId).get("owner")).isEqualTo("m2");

            // The dead instance's owner lease runs out and the survivor's rounds sweep what it left:
            // the ticket taken over is not among it.
            Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).until(() -> {
                Double lease = redis.zscore(QUEUE.owners(), "m1");
                return lease == null;
            });
            assertThat(new TicketStore(redis).read(QUEUE, ticketId).get("state")).isEqualTo("searching");
            assertThat(redis.zrank(QUEUE.waiting(), ticketId)).isZero();

            MatchClient other = MatchClient.connect(survivor.port());
            ByteString bob = other.session("bob");
            other.join(bob, GameMode.GAME_MODE_DUEL, REGION).get(30, TimeUnit.SECONDS);

            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> !again.matchFounds().isEmpty()
                    && !games.allocations.isEmpty()); // the game server reads its allocation on its own
            String matchId = again.matchFounds().get(0).getMatchFound().getMatchId();
            assertThat(games.allocations).singleElement().satisfies(allocation -> {
                assertThat(allocation.getMatchId()).isEqualTo(matchId);
                assertThat(allocation.getPlayersList()).extracting(p -> p.getPlayerId())
                        .containsExactlyInAnyOrder("alice", "bob");
            });
            Map<String, String> stats = redis.hgetAll(QUEUE.stats());
            assertThat(stats).containsEntry("joined", "2").containsEntry("matched", "2").doesNotContainKey("expired");
            assertThat(survivor.metrics().registry().counter("match.tickets", "queue", QUEUE.name(), "outcome", "taken_over")
                    .count()).isEqualTo(1.0);
        }
    }

    @Test
    void aStoppedInstanceHandsItsQueuedTicketsOverInsteadOfCancellingThem(RedisEndpoint endpoint) throws Exception {
        RedisAddress address = RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port());
        try (Instances instances = new Instances(address);
             UnifiedJedis redis = RedisConnector.open(address, "it-handover", Duration.ofSeconds(5))) {
            MatchServer stopping = instances.start("m1", List.of(REGION), Widening.parse("3:4:100"));
            MatchServer staying = instances.start("m2", List.of(REGION), Widening.parse("3:4:100"));
            MatchClient first = MatchClient.connect(stopping.port());
            first.join(first.session("carol"), GameMode.GAME_MODE_DUEL, REGION).get(30, TimeUnit.SECONDS);
            String ticketId = redis.zrange(QUEUE.waiting(), 0, -1).get(0);

            stopping.close(); // what SIGTERM does: connections closed, leases given up
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> first.closed.isDone());
            MatchClient again = MatchClient.connect(staying.port());
            QueueUpdate resumed = again.status(again.session("carol")).get(30, TimeUnit.SECONDS).getQueueUpdate();

            assertThat(resumed.getState()).isEqualTo(QueueState.QUEUE_STATE_SEARCHING);
            assertThat(resumed.getPosition()).isEqualTo(1);
            assertThat(new TicketStore(redis).read(QUEUE, ticketId).get("owner")).isEqualTo("m2");
            assertThat(redis.hgetAll(QUEUE.stats())).doesNotContainKeys("expired", "cancelled");
        }
    }
}
