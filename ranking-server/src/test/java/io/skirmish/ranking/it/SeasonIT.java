package io.skirmish.ranking.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.config.LayeredDefaults;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.ranking.RankingServerMain;
import io.skirmish.ranking.board.BoardQueries;
import io.skirmish.ranking.board.SeasonDirectory;
import io.skirmish.ranking.ingest.ConsumerConfig;
import io.skirmish.ranking.rating.PlackettLuce;
import io.skirmish.ranking.rating.Rating;
import io.skirmish.ranking.rating.RatingOptions;
import io.skirmish.ranking.season.SeasonInfo;
import io.skirmish.ranking.season.SeasonStore;
import io.skirmish.ranking.season.SoftReset;
import io.skirmish.ranking.store.Mode;
import io.skirmish.ranking.store.RankingKeys;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

@RedisTest(flushEachTest = true)
@Timeout(60)
class SeasonIT {

    private String url;
    private UnifiedJedis redis;

    @BeforeEach
    void connect(RedisEndpoint endpoint) {
        url = "redis://" + endpoint;
        redis = RedisConnector.open(RedisAddress.parse(url), "season-it", Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private void applyAll(IngestStack stack, List<MatchResult> results, int expectedTotal) {
        List<Map<byte[], byte[]>> entries = new ArrayList<>();
        results.forEach(r -> entries.add(EventStreams.resultFields(r.getMatchId(), r.toByteArray())));
        ExactlyOnceScenario.append(redis, entries);
        await().atMost(20, TimeUnit.SECONDS).until(() -> {
            stack.consumer.doWork();
            return Integer.toString(expectedTotal).equals(redis.hget(RankingKeys.counters(), "applied"));
        });
    }

    private static Rating stored(UnifiedJedis redis, String player) {
        List<String> fields = redis.hmget(RankingKeys.rating(Mode.DUEL, player), "mu", "sigma");
        return new Rating(Double.parseDouble(fields.get(0)), Double.parseDouble(fields.get(1)));
    }

    @Test
    void aNewSeasonStartsFromTheSoftResetAndKeepsThePreviousBoardsQueryable() throws Exception {
        IngestStack.startFirstSeason(redis, "s1");
        IngestStack stack = new IngestStack(redis, ConsumerConfig.defaults("season"));
        stack.consumer.createGroup();
        applyAll(stack, List.of(ResultGenerator.duel("m1", "alice", "bob"), ResultGenerator.duel("m2", "alice", "carol"),
                ResultGenerator.duel("m3", "alice", "bob")), 3);
        Rating aliceS1 = stored(redis, "alice");
        assertThat(aliceS1.mu()).isGreaterThan(RatingOptions.DEFAULT_MU);

        // The operator command starts season s2 (atomically with result application).
        StringWriter out = new StringWriter();
        CommandLine command = CommandRunner.commandLine(new RankingServerMain(), new LayeredDefaults(Map.of()));
        command.setOut(new PrintWriter(out));
        int exit = command.execute("season", "start", "--id", "s2", "--reset-factor", "0.5", "--sigma-delta", "2",
                "--redis-url", url);
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("season s2 started after s1");
        assertThat(CommandRunner.commandLine(new RankingServerMain(), new LayeredDefaults(Map.of()))
                .execute("season", "start", "--id", "s1", "--redis-url", url)).as("seasons only move forward").isEqualTo(1);
        SeasonInfo s2 = new SeasonStore(redis).info("s2");
        assertThat(s2.previous()).isEqualTo("s1");

        applyAll(stack, List.of(ResultGenerator.duel("m4", "alice", "dave")), 4);
        Rating aliceBefore = new SoftReset(RatingOptions.DEFAULT_MU, RatingOptions.DEFAULT_SIGMA, 0.5, 2).apply(aliceS1);
        Rating expected = new PlackettLuce().rate(List.of(List.of(aliceBefore), List.of(RatingOptions.DEFAULTS.newRating())),
                new int[] {1, 2}).get(0).get(0);
        assertThat(stored(redis, "alice")).isEqualTo(expected);
        assertThat(redis.hget(RankingKeys.rating(Mode.DUEL, "alice"), "season")).isEqualTo("s2");
        assertThat(redis.hget(RankingKeys.rating(Mode.DUEL, "alice"), "matches")).isEqualTo("4");

        SeasonDirectory seasons = new SeasonDirectory(new SeasonStore(redis));
        seasons.refresh();
        BoardQueries queries = new BoardQueries(seasons, Clock.systemUTC());
        LeaderboardPage current = queries.top(RankingClient.season("duel", ""), 10, 0).runOn(redis).getPage();
        assertThat(current.getBoard().getPeriodKey()).isEqualTo("s2");
        assertThat(current.getEntriesList()).extracting(e -> e.getPlayerId()).containsExactlyInAnyOrder("alice", "dave");
        LeaderboardPage previous = queries.top(RankingClient.season("duel", "s1"), 10, 0).runOn(redis).getPage();
        assertThat(previous.getEntriesList()).extracting(e -> e.getPlayerId()).containsExactlyInAnyOrder("alice", "bob", "carol");
        assertThat(previous.getEntries(0).getPlayerId()).isEqualTo("alice");
        assertThat(previous.getEntries(0).getScore()).isEqualTo(aliceS1.display());
        assertThat(previous.getEntries(0).getRating().getMu()).isEqualTo(aliceS1.mu());
        assertThat(queries.top(RankingClient.season("duel.wins", "s1"), 10, 0).runOn(redis).getPage().getEntries(0)
                .getScore()).isEqualTo(3);

        String event = redis.xrange(EventStreams.EVENTS, (StreamEntryID) null, null).stream()
                .filter(e -> "rating:m4:alice".equals(e.getFields().get("id"))).findFirst().orElseThrow()
                .getFields().get("doc");
        assertThat(event).contains("\"season\":\"s2\"", "\"rating_before\":" + (double) aliceBefore.display());

        StringWriter list = new StringWriter();
        CommandLine lister = CommandRunner.commandLine(new RankingServerMain(), new LayeredDefaults(Map.of()));
        lister.setOut(new PrintWriter(list));
        assertThat(lister.execute("season", "list", "--redis-url", url)).isZero();
        assertThat(list.toString()).contains("  s1 started", "* s2 started", "previous=s1");
    }
}
