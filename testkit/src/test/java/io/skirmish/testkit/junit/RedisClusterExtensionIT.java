package io.skirmish.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skirmish.testkit.process.RedisClusterEndpoint;
import io.skirmish.testkit.process.RedisAdmin;
import io.skirmish.testkit.process.RedisClusterProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

@RedisClusterTest(flushEachTest = true)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisClusterExtensionIT {
    private static final String TICKET = "skirmish:{q:duel:eu}:a";
    private static final String CLAIMED = "skirmish:{q:duel:eu}:b";

    /** Moves the ticket to the claimed set only if it is still there: a second claimer gets 0. */
    private static final String CLAIM = """
            local ticket = redis.call('GET', KEYS[1])
            if not ticket then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('SADD', KEYS[2], ARGV[1] .. ':' .. ticket)
            return 1
            """;

    @Test
    void clusterHasThreeMastersSharingAllSlots(RedisClusterEndpoint endpoint) {
        assertThat(endpoint.nodes()).hasSize(3);
        for (HostAndPort node : endpoint.nodes()) {
            try (Jedis jedis = RedisAdmin.connect(node, 1_000)) {
                assertThat(jedis.clusterInfo()).contains("cluster_state:ok", "cluster_size:3", "cluster_slots_ok:16384");
            }
        }
    }

    @Test
    void keysWithOneHashTagShareASlot(RedisClusterEndpoint endpoint) {
        int slot = JedisClusterCRC16.getSlot(TICKET);
        assertThat(JedisClusterCRC16.getSlot(CLAIMED)).isEqualTo(slot);
        HostAndPort node = endpoint.nodes().get(0);
        try (Jedis jedis = RedisAdmin.connect(node, 1_000)) {
            assertThat(jedis.clusterKeySlot(TICKET)).as("server agrees with the client").isEqualTo(slot);
        }
    }

    @Test
    void multiKeyScriptRunsAtomicallyOnOneSlot(RedisClusterEndpoint endpoint) throws Exception {
        try (RedisClusterClient cluster = RedisClusterClient.create(endpoint.nodeSet())) {
            cluster.set(TICKET, "t-42");

            // Eight match-server instances race to claim the same ticket: exactly one may win.
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Long>> claimers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String claimer = "ms-" + i;
                    claimers.add(() -> (Long) cluster.eval(CLAIM, List.of(TICKET, CLAIMED), List.of(claimer)));
                }
                long wins = 0;
                for (Future<Long> result : pool.invokeAll(claimers, 30, TimeUnit.SECONDS)) {
                    wins += result.get();
                }
                assertThat(wins).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }

            assertThat(cluster.exists(TICKET)).isFalse();
            assertThat(cluster.smembers(CLAIMED)).singleElement().asString().endsWith(":t-42");
        }
    }

    @Test
    void scriptOnKeysInDifferentSlotsIsRefused(RedisClusterEndpoint endpoint) {
        try (RedisClusterClient cluster = RedisClusterClient.create(endpoint.nodeSet())) {
            List<String> keys = List.of("skirmish:{q:duel:eu}:a", "skirmish:{q:duel:na}:b");
            assertThat(JedisClusterCRC16.getSlot(keys.get(0))).isNotEqualTo(JedisClusterCRC16.getSlot(keys.get(1)));

            assertThatThrownBy(() -> cluster.eval(CLAIM, keys, List.of("ms-0"))).isInstanceOf(JedisException.class);
        }
    }

    @Test
    void processGivesAccessToEachMasterForFaultTests(RedisClusterProcess cluster) {
        assertThat(cluster.size()).isEqualTo(3);
        assertThat(cluster.node(0).isRunning()).isTrue();
    }
}
