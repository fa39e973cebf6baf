package io.skirmish.ranking.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.ranking.RankingServer;
import io.skirmish.ranking.board.BoardName;
import io.skirmish.ranking.board.BoardPeriod;
import io.skirmish.ranking.store.Mode;
import io.skirmish.ranking.store.RankingKeys;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The query path when Redis goes away, with a redis-server of its own that the test stops and
 * restarts: an unreachable Redis gets a clear {@code INTERNAL} error with a retry hint on a
 * connection that stays open, and queries are answered again once Redis is back.
 */
@Timeout(60)
class QueryFailuresIT {

    @TempDir
    Path workDir;

    @Test
    void answersUnavailableWhileRedisIsDownAndRecoversAfterItsRestart() throws Exception {
        try (RedisServerProcess process = RedisServerProcess.start(RedisServerConfig.defaults(workDir))) {
            RedisAddress address = RedisAddress.parse(process.endpoint().uri().toString());
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (UnifiedJedis redis = RedisConnector.open(address, "failures-it", Duration.ofSeconds(2))) {
                IngestStack.startFirstSeason(redis, "s1");
                fill(redis);
                try (RankingServer server = TestServers.start(redis, TestServers.config(address, "failures-it", false),
                        registry);
                     RankingClient client = new RankingClient("127.0.0.1", server.port())) {
                    BoardRef duel = RankingClient.season("duel", "");
                    assertThat(client.top(duel, 10, 0).getPage().getEntriesCount()).isEqualTo(3);

                    assertThat(client.around(duel, "p2", 1).getPage().getEntries(0).getPlayerId()).isEqualTo("p1");

                    process.stop();
                    // The read cache may serve its page until the tracking connection's loss is seen.
                    ServerMessage down = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                            .until(() -> client.top(duel, 10, 0), ServerMessage::hasError);
                    assertThat(down.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_INTERNAL);
                    assertThat(down.getError().getMessage()).isEqualTo("leaderboards unavailable");
                    assertThat(down.getError().getRetryAfterMs()).isEqualTo(1_000);
                    assertThat(client.rank(duel, "p1").getError().getCode()).as("the connection stays open")
                            .isEqualTo(ErrorCode.ERROR_CODE_INTERNAL);

                    process.restart(); // empty: no persistence
                    try (UnifiedJedis fresh = RedisConnector.open(address, "failures-it-2", Duration.ofSeconds(2))) {
                        IngestStack.startFirstSeason(fresh, "s1");
                        fill(fresh);
                    }
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                            client.top(duel, 10, 0).getPage().getEntriesCount() == 3);
                }
            }
            assertThat(registry.find("ranking.query.errors").tag("code", "ERROR_CODE_INTERNAL").counter().count())
                    .isGreaterThanOrEqualTo(2);
        }
    }

    private static void fill(UnifiedJedis redis) {
        String board = RankingKeys.board(new BoardName(Mode.DUEL, BoardName.Stat.RATING), BoardPeriod.SEASON, "s1");
        redis.zadd(board, Map.of("p1", 3e9, "p2", 2e9, "p3", 1e9));
        redis.hset(RankingKeys.boardRatings(Mode.DUEL, "s1"), Map.of("p1", "30 2", "p2", "25 3", "p3", "20 4"));
    }
}
