package io.skirmish.match.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.testkit.process.RedisClusterConfig;
import io.skirmish.testkit.process.RedisClusterProcess;
import io.skirmish.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A join that fails half-way on Redis Cluster (one master just died) gives back the queue index
 * entries it had already written on the other masters, so the player's retry is not refused as
 * "already queued" for the 30 s an orphaned entry takes to turn stale.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PlayerDirectoryFailoverIT {

    @TempDir
    Path work;

    @Test
    void releaseAfterFailureFreesTheEntriesOnLiveMastersWhileOneIsDown() {
        // The dead master must stay "unreachable", not "failed", while the release runs: once the
        // others mark it failed (node timeout), the whole cluster answers CLUSTERDOWN and the live
        // masters' entries could not be read back, which made this test race the CPU under load.
        RedisClusterConfig config = RedisClusterConfig.defaults(work).withNodeTimeout(Duration.ofSeconds(60));
        try (RedisClusterProcess cluster = RedisClusterProcess.start(config);
             UnifiedJedis redis = RedisConnector.open(new RedisAddress(true, cluster.endpoint().nodeSet()), "it",
                     Duration.ofSeconds(2))) {
            List<String> party = onePlayerPerMaster(cluster);
            PlayerDirectory players = new PlayerDirectory(redis);
            PlayerDirectory.Request join = new PlayerDirectory.Request(QueueMode.SQUAD, party,
                    new PlayerDirectory.Entry(QueueMode.SQUAD, "eu", "t-1"));
            assertThat(players.reserveAll(List.of(join), 60_000)).allMatch(PlayerDirectory.Reservation::ok);

            // The last player's master dies; its group is released last, after the live ones.
            RedisServerProcess down = cluster.masterServing(JedisClusterCRC16.getSlot(MatchKeys.queued(party.get(2))));
            down.kill();
            int failed = players.releaseAfterFailure(List.of(join));

            assertThat(failed).as("slot groups on the dead master").isEqualTo(1);
            assertThat(redis.get(MatchKeys.queued(party.get(0)))).isNull();
            assertThat(redis.get(MatchKeys.queued(party.get(1)))).isNull();
        }
    }

    /** Three player ids whose index entries live on three different masters. */
    private static List<String> onePlayerPerMaster(RedisClusterProcess cluster) {
        List<String> players = new ArrayList<>();
        Set<Integer> masters = new HashSet<>();
        for (int i = 0; players.size() < 3; i++) {
            String player = "p-" + i;
            if (masters.add(cluster.masterServing(JedisClusterCRC16.getSlot(MatchKeys.queued(player))).port())) {
                players.add(player);
            }
        }
        return players;
    }
}
