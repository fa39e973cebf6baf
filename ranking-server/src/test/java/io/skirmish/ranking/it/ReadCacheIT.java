package io.skirmish.ranking.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.ranking.RankingServer;
import io.skirmish.ranking.board.BoardName;
import io.skirmish.ranking.board.BoardPeriod;
import io.skirmish.ranking.store.Mode;
import io.skirmish.ranking.store.RankingKeys;
import io.skirmish.testkit.process.RedisClusterConfig;
import io.skirmish.testkit.process.RedisClusterProcess;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The read cache against a real redis-server of its own: pages come from memory while the board
 * is unchanged, a change made by any client reaches the next query through Redis's
 * invalidation, and when the tracking connection is killed, Redis restarts or the master of the
 * ranking slot fails over (a Redis Cluster with a replica per master) the cache is flushed, so
 * what a query shows after the reconnect is what Redis holds.
 */
@Timeout(180)
class ReadCacheIT {

    private static final String BOARD = RankingKeys.board(new BoardName(Mode.DUEL, BoardName.Stat.RATING),
            BoardPeriod.SEASON, "s1");
    private static final String RATINGS = RankingKeys.boardRatings(Mode.DUEL, "s1");
    private static final BoardRef DUEL = RankingClient.season("duel", "");

    @TempDir
    Path workDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void servesUnchangedPagesFromMemoryAndTheNextQueryAfterAChangeSeesIt() throws Exception {
        try (RedisServerProcess process = RedisServerProcess.start(RedisServerConfig.defaults(workDir));
             UnifiedJedis redis = jedis(process);
             RankingServer server = started(redis, process);
             RankingClient client = new RankingClient("127.0.0.1", server.port())) {
            fill(redis, "p1", "p2", "p3");
            awaitLive();
            assertThat(leader(client.top(DUEL, 10, 0))).isEqualTo("p1");
            double hitsBefore = hits();
            assertThat(leader(client.top(DUEL, 10, 0))).isEqualTo("p1");
            assertThat(client.rank(DUEL, "p2").getPlayerRank().getEntry().getRank()).isEqualTo(2);
            assertThat(client.rank(DUEL, "p2").getPlayerRank().getEntry().getRank()).isEqualTo(2);
            assertThat(hits() - hitsBefore).as("the repeated Top and Rank came from memory").isEqualTo(2);

            redis.zadd(BOARD, 4e9, "p9"); // any client, here not the ranking-server
            redis.hset(RATINGS, "p9", "40 1");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> "p9".equals(leader(client.top(DUEL, 10, 0))));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> client.rank(DUEL, "p2").getPlayerRank().getEntry().getRank() == 3);
            LeaderboardPage page = client.top(DUEL, 10, 0).getPage();
            assertThat(page.getTotalEntries()).isEqualTo(4);
            assertThat(page.getEntries(0).getRating().getMu()).isEqualTo(40.0);
            assertThat(registry.find("ranking.cache.invalidated").counter().count()).isPositive();
        }
    }

    @Test
    void flushesWhenTheTrackingConnectionIsKilledAndShowsWhatChangedMeanwhileAfterTheReconnect() throws Exception {
        try (RedisServerProcess process = RedisServerProcess.start(RedisServerConfig.defaults(workDir));
             UnifiedJedis redis = jedis(process);
             RankingServer server = started(redis, process);
             RankingClient client = new RankingClient("127.0.0.1", server.port())) {
            fill(redis, "p1", "p2", "p3");
            awaitLive();
            assertThat(leader(client.top(DUEL, 10, 0))).isEqualTo("p1");
            assertThat(leader(client.top(DUEL, 10, 0))).isEqualTo("p1");
            assertThat(cachedPages()).isPositive();

            // Kill the tracking connection and change the board while it is gone: the invalidation of
            // this write reaches nobody, so only the flush on disconnect keeps the old page out.
            killTrackingConnection(redis);
            redis.zadd(BOARD, 5e9, "p7");
            redis.hset(RATINGS, "p7", "45 1");
            await().atMost(Duration.ofSeconds(10)).until(() -> live() == 0 || flushed() > 0);
            awaitLive();

            assertThat(leader(client.top(DUEL, 10, 0))).as("right after the reconnect, no await").isEqualTo("p7");
            assertThat(flushed()).isPositive();
        }
    }

    @Test
    void neverServesAPageOfTheRedisThatRestarted() throws Exception {
        try (RedisServerProcess process = RedisServerProcess.start(RedisServerConfig.defaults(workDir))) {
            try (UnifiedJedis redis = jedis(process);
                 RankingServer server = started(redis, process);
                 RankingClient client = new RankingClient("127.0.0.1", server.port())) {
                fill(redis, "p1", "p2", "p3");
                awaitLive();
                assertThat(leader(client.top(DUEL, 10, 0))).isEqualTo("p1");
                assertThat(leader(client.top(DUEL, 10, 0))).isEqualTo("p1");

                process.restart(); // empty: no persistence
                try (UnifiedJedis fresh = jedis(process)) {
                    IngestStack.startFirstSeason(fresh, "s1");
                    fill(fresh, "q1", "q2");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> live() == 1 && flushed() > 0);
                ServerMessage answered = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> client.top(DUEL, 10, 0), reply -> reply.hasPage());
                assertThat(answered.getPage().getTotalEntries()).isEqualTo(2);
                assertThat(leader(answered)).isEqualTo("q1");
            }
        }
    }

    @Test
    void flushesWhenTheMasterOfTheRankingSlotFailsAndServesThePromotedReplicasState() throws Exception {
        try (RedisClusterProcess cluster = RedisClusterProcess.start(RedisClusterConfig.defaults(workDir)
                .withReplicasPerMaster(1).withNodeTimeout(Duration.ofSeconds(2)))) {
            RedisAddress address = RedisAddress.parse("redis-cluster://" + cluster.endpoint().nodes().stream()
                    .map(Object::toString).collect(Collectors.joining(",")));
            try (UnifiedJedis redis = RedisConnector.open(address, "read-cache-it", Duration.ofSeconds(2))) {
                IngestStack.startFirstSeason(redis, "s1");
                try (RankingServer server = TestServers.start(redis, TestServers.config(address, "read-cache-it", false),
                        registry);
                     RankingClient client = new RankingClient("127.0.0.1", server.port())) {
                    fill(redis, "p1", "p2", "p3");
                    awaitLive();
                    assertThat(leader(client.top(DUEL, 10, 0))).isEqualTo("p1");
                    assertThat(leader(client.top(DUEL, 10, 0))).isEqualTo("p1");
                    int slot = JedisClusterCRC16.getSlot(BOARD);

                    RedisServerProcess killed = cluster.killMasterServing(slot);
                    cluster.awaitPromotion(slot, killed);
                    redis.zadd(BOARD, 6e9, "p6"); // on the promoted replica
                    redis.hset(RATINGS, "p6", "50 1");
                    await().atMost(Duration.ofSeconds(30)).until(() -> live() == 1 && flushed() > 0);

                    ServerMessage answered = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                            .until(() -> client.top(DUEL, 10, 0), ServerMessage::hasPage);
                    assertThat(leader(answered)).as("the first answer after the failover").isEqualTo("p6");
                }
            }
        }
    }

    /** {@code CLIENT KILL ID} of the connection named {@code ranking-<instance>-tracking} in {@code CLIENT LIST}. */
    private static void killTrackingConnection(UnifiedJedis redis) {
        String list = new String((byte[]) redis.sendCommand(Protocol.Command.CLIENT, "LIST"), StandardCharsets.UTF_8);
        String id = list.lines().filter(line -> line.contains(" name=ranking-read-cache-it-tracking "))
                .map(line -> line.substring("id=".length(), line.indexOf(' '))).findFirst()
                .orElseThrow(() -> new AssertionError("no tracking connection in " + list));
        assertThat(redis.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", id)).isEqualTo(1L);
    }

    private static UnifiedJedis jedis(RedisServerProcess process) {
        return RedisConnector.open(RedisAddress.parse(process.endpoint().uri().toString()), "read-cache-it",
                Duration.ofSeconds(2));
    }

    private RankingServer started(UnifiedJedis redis, RedisServerProcess process) throws Exception {
        IngestStack.startFirstSeason(redis, "s1");
        RedisAddress address = RedisAddress.parse(process.endpoint().uri().toString());
        return TestServers.start(redis, TestServers.config(address, "read-cache-it", false), registry);
    }

    private static void fill(UnifiedJedis redis, String... leaderFirst) {
        for (int i = 0; i < leaderFirst.length; i++) {
            redis.zadd(BOARD, (leaderFirst.length - i) * 1e9, leaderFirst[i]);
            redis.hset(RATINGS, Map.of(leaderFirst[i], (30 - i) + " 2"));
        }
    }

    private static String leader(ServerMessage reply) {
        return reply.getPage().getEntriesCount() == 0 ? null : reply.getPage().getEntries(0).getPlayerId();
    }

    private void awaitLive() {
        await().atMost(Duration.ofSeconds(20)).until(() -> live() == 1);
    }

    private double live() {
        return registry.find("ranking.cache.live").gauge().value();
    }

    private double hits() {
        return registry.find("ranking.cache.lookups").tag("outcome", "hit").counter().count();
    }

    private double flushed() {
        return registry.find("ranking.cache.flushed").counter().count();
    }

    private double cachedPages() {
        return registry.find("ranking.cache.pages").gauge().value();
    }
}
