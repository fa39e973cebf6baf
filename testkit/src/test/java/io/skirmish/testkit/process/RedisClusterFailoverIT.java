package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/** A cluster with replicas: a killed master fails over to its replica, and comes back as a replica. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisClusterFailoverIT {
    private static final Path WORK_DIR = Path.of(System.getProperty("skirmish.target.dir", "target"));
    private static final String KEY = "skirmish:{failover}:k";

    @Test
    void killedMastersReplicaIsPromotedWithTheDataAndTheOldMasterRejoinsAsReplica() {
        RedisClusterConfig config = RedisClusterConfig.defaults(WORK_DIR)
                .withReplicasPerMaster(1)
                .withNodeTimeout(Duration.ofSeconds(2));
        try (RedisClusterProcess cluster = RedisClusterProcess.start(config);
             RedisClusterClient client = RedisClusterClient.create(cluster.endpoint().nodeSet())) {
            assertThat(cluster.size()).isEqualTo(6);
            assertThat(cluster.view().nodes()).filteredOn(ClusterNodesView.Node::master).hasSize(3);
            int slot = JedisClusterCRC16.getSlot(KEY);
            client.set(KEY, "before");
            assertThat(client.waitReplicas(KEY, 1, 2_000)).as("replicas acknowledging the write").isEqualTo(1);

            RedisServerProcess killed = cluster.killMasterServing(slot);
            RedisServerProcess promoted = cluster.awaitPromotion(slot, killed);

            assertThat(promoted.port()).isNotEqualTo(killed.port());
            assertThat(cluster.masterServing(slot).port()).isEqualTo(promoted.port());
            assertThat(client.get(KEY)).as("read through the client after the failover").isEqualTo("before");
            client.set(KEY, "after");

            killed.start();
            cluster.awaitHealthy();
            ClusterNodesView.Node rejoined = cluster.view().byPort(killed.port()).orElseThrow();
            assertThat(rejoined.master()).as("old master rejoins as a replica").isFalse();
            assertThat(cluster.masterServing(slot).port()).isEqualTo(promoted.port());
            assertThat(client.get(KEY)).isEqualTo("after");
        }
    }
}
