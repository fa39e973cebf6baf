package io.skirmish.logship.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.logship.LogShipperMain;
import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.RedisEndpoint;
import io.skirmish.testkit.process.ChildService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * 100,000 events; the shipper process is SIGKILLed in the middle of shipping them, with bulk
 * requests in flight and entries read but not acknowledged; a new shipper (another consumer
 * name, so it must claim the dead one's entries) finishes the job. Every event is in
 * Elasticsearch exactly once.
 */
@RedisTest
@ElasticsearchTest
@Timeout(240)
class KillRestartIT {

    private static final int EVENTS = 100_000;

    @TempDir
    Path workDir;

    @Test
    void everyEventIndexedExactlyOnceAcrossAKill(RedisEndpoint redis, ElasticsearchEndpoint es) throws Exception {
        String stream = "it:kill:events";
        String[] common = {"--redis-url=" + redis.uri(), "--elasticsearch-url=" + es.uri(), "--stream=" + stream,
            "--dead-letter-stream=it:kill:dead", "--index-prefix=it-kill", "--claim-idle=3s"};
        try (UnifiedJedis jedis = RedisConnector.open(RedisAddress.parse(redis.uri().toString()), "kill-it",
                Duration.ofSeconds(5));
             SearchClient search = new SearchClient(es)) {
            TestEvents.append(jedis, stream, 0, EVENTS);

            long pendingAtKill;
            try (ChildService first = new ChildService(workDir, "shipper-a", LogShipperMain.class.getName(),
                    concat(common, "--consumer-name=a")).start()) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                        .until(() -> first.metric("logship_docs_indexed_total") >= 30_000);
                first.kill();
                pendingAtKill = groupOf(jedis, stream).getPending();
                System.out.printf("killed shipper-a: indexed=%d (just before the kill), pending=%d%n",
                        search.count("it-kill-*"), pendingAtKill);
            }
            assertThat(pendingAtKill).as("entries read and not acknowledged when the shipper died").isPositive();
            assertThat(search.count("it-kill-*")).isLessThan(EVENTS);

            long restartNs = System.nanoTime();
            try (ChildService second = new ChildService(workDir, "shipper-b", LogShipperMain.class.getName(),
                    concat(common, "--consumer-name=b")).start()) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    StreamGroupInfo group = groupOf(jedis, stream);
                    return group.getPending() == 0 && Long.valueOf(0).equals(group.getGroupInfo().get("lag"));
                });
                double claimed = second.metric("logship_events_read_total", "source=\"claimed\"");
                System.out.printf("shipper-b finished in %d ms: claimed=%.0f duplicates(409)=%.0f indexed=%.0f%n",
                        Duration.ofNanos(System.nanoTime() - restartNs).toMillis(), claimed,
                        second.metric("logship_docs_duplicates_total"), second.metric("logship_docs_indexed_total"));
                assertThat(claimed).as("entries claimed from the killed consumer").isEqualTo(pendingAtKill);
            }

            assertThat(search.count("it-kill-*")).isEqualTo(EVENTS);
            List<String> ids = search.allIds("it-kill-*");
            assertThat(new HashSet<>(ids)).isEqualTo(new HashSet<>(TestEvents.eventIds(0, EVENTS)));
            assertThat(jedis.xlen("it:kill:dead")).isZero();
        }
    }

    private static StreamGroupInfo groupOf(UnifiedJedis jedis, String stream) {
        return jedis.xinfoGroups(stream).stream().filter(g -> "logship".equals(g.getName())).findFirst().orElseThrow();
    }

    private static String[] concat(String[] common, String more) {
        String[] all = java.util.Arrays.copyOf(common, common.length + 1);
        all[common.length] = more;
        return all;
    }
}
