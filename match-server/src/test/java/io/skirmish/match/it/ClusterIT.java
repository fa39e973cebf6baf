package io.skirmish.match.it;

import com.google.protobuf.ByteString;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.MatchServer;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Widening;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.match.v1.MatchFound;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.token.ConnectTokenVerifier;
import io.skirmish.testkit.junit.RedisClusterTest;
import io.skirmish.testkit.process.RedisClusterEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The same flows on a real 3-master Redis Cluster: every script runs in one slot, pushes cross instances. */
@RedisClusterTest(flushEachTest = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterIT {

    @Test
    void matchesAcrossInstancesOnRedisCluster(RedisClusterEndpoint endpoint) throws Exception {
        RedisAddress address = RedisAddress.parse("redis-cluster://" + endpoint.nodes().stream()
                .map(n -> n.getHost() + ":" + n.getPort()).collect(Collectors.joining(",")));
        try (Instances instances = new Instances(address);
             UnifiedJedis redis = RedisConnector.open(address, "it-cluster", Duration.ofSeconds(5));
             FakeGameServers games = new FakeGameServers(redis)) {
            games.add("gs-c", "eu", 100, 0.5);
            MatchServer first = instances.start("c1", List.of("eu", "us"), Widening.parse("3:1:25"));
            MatchServer second = instances.start("c2", List.of("eu", "us"), Widening.parse("3:1:25"));
            try (MatchClient alice = MatchClient.connect(first.port()); MatchClient bob = MatchClient.connect(second.port());
                 MatchClient quitter = MatchClient.connect(second.port())) {
                alice.join(alice.session("alice"), GameMode.GAME_MODE_DUEL, "eu").get(10, TimeUnit.SECONDS);
                ByteString quit = quitter.session("quitter");
                quitter.join(quit, GameMode.GAME_MODE_SQUAD, "us").get(10, TimeUnit.SECONDS);
                assertThat(quitter.leave(quit).get(10, TimeUnit.SECONDS).getQueueUpdate().getState())
                        .isEqualTo(QueueState.QUEUE_STATE_LEFT);
                bob.join(bob.session("bob"), GameMode.GAME_MODE_DUEL, "eu").get(10, TimeUnit.SECONDS);
                Awaitility.await().atMost(15, TimeUnit.SECONDS).until(() -> !alice.matchFounds().isEmpty()
                        && !bob.matchFounds().isEmpty());
                MatchFound a = alice.matchFounds().get(0).getMatchFound();
                MatchFound b = bob.matchFounds().get(0).getMatchFound();
                assertThat(a.getMatchId()).isEqualTo(b.getMatchId());
                ConnectTokenVerifier verifier = new ConnectTokenVerifier(Instances.KEYS, InstantSource.system(), "gs-c");
                assertThat(verifier.verify(b.getConnectToken()).playerId()).isEqualTo("bob");
                Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> games.allocations.size() == 1);
                assertThat(games.allocations.get(0).getGameServerId()).isEqualTo("gs-c");
                assertThat(redis.hgetAll(new MatchKeys.Queue(QueueMode.DUEL, "eu").stats()))
                        .containsEntry("joined", "2").containsEntry("matched", "2");
                assertThat(redis.hgetAll(new MatchKeys.Queue(QueueMode.SQUAD, "us").stats()))
                        .containsEntry("joined", "1").containsEntry("cancelled", "1");
            }
        }
    }
}
