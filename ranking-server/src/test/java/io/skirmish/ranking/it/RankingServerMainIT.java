package io.skirmish.ranking.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.ranking.v1.Entry;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.ranking.RankingServerMain;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.RedisEndpoint;
import io.skirmish.testkit.process.ChildService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/**
 * The real {@link RankingServerMain} in a child JVM, as an operator starts it: flags, the ops
 * endpoint, a result from {@code skirmish:results} applied, a Top query over TCP, and an
 * orderly stop on SIGTERM.
 */
@RedisTest(flushEachTest = true)
@Timeout(120)
class RankingServerMainIT {

    @TempDir
    Path workDir;

    @Test
    void appliesAResultAnswersATopQueryAndStopsOnSigterm(RedisEndpoint redis) throws Exception {
        int port = FreePorts.next();
        try (UnifiedJedis jedis = RedisConnector.open(RedisAddress.parse(redis.uri().toString()), "main-it",
                Duration.ofSeconds(5));
             ChildService server = new ChildService(workDir, "ranking-server", RankingServerMain.class.getName(),
                     "--dev", "--redis-url=" + redis.uri(), "--port=" + port, "--instance-id=main-it", "--season=it-s1")
                     .start()) {
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            assertThat(server.get("/ready").statusCode()).isEqualTo(200);

            MatchResult result = ResultGenerator.duel("main-it-1", "alice", "bob");
            jedis.xadd(EventStreams.bytes(EventStreams.RESULTS), XAddParams.xAddParams(),
                    EventStreams.resultFields(result.getMatchId(), result.toByteArray()));
            try (RankingClient client = new RankingClient("127.0.0.1", port)) {
                LeaderboardPage page = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> client.top(RankingClient.season("duel", ""), 10, 0).getPage(),
                                top -> top.getEntriesCount() == 2);
                assertThat(page.getBoard().getPeriodKey()).isEqualTo("it-s1");
                assertThat(page.getEntriesList()).extracting(Entry::getPlayerId).containsExactly("alice", "bob");
                assertThat(page.getEntries(0).getRating().getMu()).isGreaterThan(25);
            }
            assertThat(server.metric("ranking_results_applied_total")).isEqualTo(1);
            assertThat(server.metric("ranking_query_duration_seconds_count", "query=\"top\"")).isPositive();

            server.stop();
            assertThat(server.exitCode()).as("ended by SIGTERM after its shutdown hook").hasValue(143);
            String log = Files.readString(server.logFile());
            assertThat(log).contains("ranking-server running; SIGTERM stops it", "stopping service=ranking-server",
                    "stopped service=ranking-server").doesNotContain("stop failed");
            assertThatThrownBy(() -> new RankingClient("127.0.0.1", port)).as("query port closed")
                    .isInstanceOf(IOException.class);
            assertThat(jedis.xpending(EventStreams.RESULTS, "ranking").getTotal()).as("nothing left unacknowledged")
                    .isZero();
        }
    }
}
