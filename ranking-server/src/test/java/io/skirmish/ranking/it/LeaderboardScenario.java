package io.skirmish.ranking.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.Entry;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.protocol.ranking.v1.Period;
import io.skirmish.protocol.ranking.v1.PlayerRank;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.ranking.RankingServer;
import io.skirmish.ranking.board.BoardName;
import io.skirmish.ranking.board.BoardPeriod;
import io.skirmish.ranking.board.Periods;
import io.skirmish.ranking.board.ScoreCodec;
import io.skirmish.ranking.store.Mode;
import io.skirmish.ranking.store.RankingKeys;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Leaderboard queries over the client protocol against a season board of 1,000,000 players,
 * checked against the order computed in Java; plus results applied end to end into the daily
 * and weekly boards. Shared by the single-node and cluster ITs.
 */
abstract class LeaderboardScenario {

    static final int PLAYERS = 1_000_000;
    private static final long BASE_MS = ScoreCodec.EPOCH_MS + 86_400_000L * 700;

    protected abstract UnifiedJedis redis();

    protected abstract RedisAddress address();

    /** Members sorted as the board must answer: score descending, then member bytes descending. */
    private String[] expectedOrder;
    private final Map<String, Long> scores = new HashMap<>();

    void queriesAMillionPlayerBoard() throws Exception {
        UnifiedJedis redis = redis();
        IngestStack.startFirstSeason(redis, "s1");
        long startNs = System.nanoTime();
        load(redis);
        System.out.printf("loaded %,d players in %.1f s%n", PLAYERS, (System.nanoTime() - startNs) / 1e9);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RankingServer server = TestServers.start(redis, TestServers.config(address(), "lb-it", true), registry);
             RankingClient client = new RankingClient("127.0.0.1", server.port())) {
            BoardRef duel = RankingClient.season("duel", "");

            LeaderboardPage top = client.top(duel, 100, 0).getPage();
            assertThat(top.getBoard().getPeriodKey()).isEqualTo("s1");
            assertThat(top.getTotalEntries()).isEqualTo(PLAYERS);
            assertPage(top, 0, 100);
            assertThat(top.getEntries(0).getRating().getSigma()).isPositive();
            assertThat(client.top(duel, 100, 0).getPage()).as("again: the ratings now ride along with the range")
                    .isEqualTo(top);

            assertPage(client.top(duel, 100, 500_000).getPage(), 500_000, 100);
            assertPage(client.top(duel, 1_000, 999_990).getPage(), 999_990, 10);
            assertThat(client.top(duel, 10, 2_000_000).getPage().getEntriesCount()).isZero();

            String middle = expectedOrder[123_456];
            LeaderboardPage around = client.around(duel, middle, 5).getPage();
            assertPage(around, 123_451, 11);
            assertThat(around.getEntries(5).getPlayerId()).isEqualTo(middle);
            assertPage(client.around(duel, expectedOrder[1], 3).getPage(), 0, 5);
            assertPage(client.around(duel, expectedOrder[PLAYERS - 1], 3).getPage(), PLAYERS - 4, 4);
            assertThat(client.around(duel, "nobody", 3).getPage().getEntriesCount()).isZero();

            Random random = new Random(5);
            for (int i = 0; i < 20; i++) {
                int index = random.nextInt(PLAYERS);
                PlayerRank rank = client.rank(duel, expectedOrder[index]).getPlayerRank();
                assertThat(rank.getFound()).isTrue();
                assertThat(rank.getEntry().getRank()).isEqualTo(index + 1);
                assertThat(rank.getEntry().getScore()).isEqualTo(ScoreCodec.value(scores.get(expectedOrder[index])));
            }
            PlayerRank missing = client.rank(duel, "nobody").getPlayerRank();
            assertThat(missing.getFound()).isFalse();
            assertThat(missing.getBoard().getPeriodKey()).isEqualTo("s1");

            List<String> friends = new ArrayList<>();
            List<Integer> friendIndexes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int index = random.nextInt(PLAYERS);
                friendIndexes.add(index);
                friends.add(expectedOrder[index]);
                friends.add("stranger-" + i);
            }
            LeaderboardPage friendsPage = client.friends(duel, friends).getPage();
            friendIndexes.sort(null);
            List<Long> expectedRanks = friendIndexes.stream().distinct().map(i -> (long) i + 1).toList();
            assertThat(friendsPage.getEntriesList()).extracting(Entry::getRank).containsExactlyElementsOf(expectedRanks);

            assertErrors(client);
            try (RankingClient garbage = new RankingClient("127.0.0.1", server.port())) {
                garbage.sendRaw(new byte[] {(byte) 0xff, 0x01, 0x02});
                ServerMessage refused = garbage.read();
                assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE);
                assertThat(garbage.closedByServer()).isTrue();
            }
            assertThat(registry.find("ranking.net.rejected").tag("code", "ERROR_CODE_MALFORMED_MESSAGE").counter().count())
                    .isEqualTo(1);
            assertThat(registry.find("ranking.query.duration").tag("query", "top").timer().count()).isPositive();
            appliesResultsIntoDailyAndWeeklyBoards(redis, client);
        }
    }

    private void appliesResultsIntoDailyAndWeeklyBoards(UnifiedJedis redis, RankingClient client) throws Exception {
        long now = System.currentTimeMillis();
        List<MatchResult> results = new ResultGenerator(11, 40, now - 60_000).results(30, "live");
        List<Map<byte[], byte[]>> entries = new ArrayList<>();
        results.forEach(result -> entries.add(EventStreams.resultFields(result.getMatchId(), result.toByteArray())));
        ExactlyOnceScenario.append(redis, entries);
        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> "30".equals(redis.hget(RankingKeys.counters(), "applied")));
        RatingOracle oracle = new RatingOracle();
        results.forEach(oracle::apply);
        Map<String, Integer> duelWins = new HashMap<>();
        oracle.wins.forEach((key, wins) -> {
            if (key.startsWith("duel:")) {
                duelWins.put(key.substring(5), wins);
            }
        });
        String today = Periods.dailyKey(now - 60_000);
        LeaderboardPage daily = client.top(RankingClient.board("duel.wins", Period.PERIOD_DAILY, ""), 100, 0).getPage();
        LeaderboardPage dailyByKey = client.top(RankingClient.board("duel.wins", Period.PERIOD_DAILY, today), 100, 0)
                .getPage();
        if (today.equals(Periods.dailyKey(System.currentTimeMillis()))) {
            assertThat(daily.getBoard().getPeriodKey()).isEqualTo(today);
            assertThat(daily.getEntriesList()).isEqualTo(dailyByKey.getEntriesList());
        }
        assertThat(dailyByKey.getTotalEntries()).isEqualTo(duelWins.size());
        for (Entry entry : dailyByKey.getEntriesList()) {
            assertThat((long) entry.getScore()).isEqualTo((long) duelWins.get(entry.getPlayerId()));
            assertThat(entry.hasRating()).isFalse();
        }
        for (int i = 1; i < dailyByKey.getEntriesCount(); i++) {
            assertThat(dailyByKey.getEntries(i).getScore()).isLessThanOrEqualTo(dailyByKey.getEntries(i - 1).getScore());
        }
        String week = Periods.weeklyKey(now - 60_000);
        LeaderboardPage weekly = client.top(RankingClient.board("duel.wins", Period.PERIOD_WEEKLY, week), 100, 0).getPage();
        assertThat(weekly.getEntriesList()).extracting(Entry::getPlayerId)
                .containsExactlyElementsOf(dailyByKey.getEntriesList().stream().map(Entry::getPlayerId).toList());
        String dailyKey = RankingKeys.board(new BoardName(Mode.DUEL, BoardName.Stat.WINS), BoardPeriod.DAILY, today);
        long ttlSeconds = redis.ttl(dailyKey);
        long expected = (Periods.endMs(BoardPeriod.DAILY, today) + 8 * 86_400_000L - now) / 1000;
        assertThat(ttlSeconds).isBetween(expected - 120, expected + 120);
        ServerMessage kills = client.rank(RankingClient.board("ffa.kills", Period.PERIOD_SEASON, "s1"),
                results.stream().filter(r -> r.getModeValue() == 3).findFirst().orElseThrow().getPlayers(0).getPlayerId());
        assertThat(kills.hasPlayerRank()).as("reply %s", kills).isTrue();
        assertThat(kills.getPlayerRank().getBoard().getPeriodKey()).isEqualTo("s1");
        assertThat(client.rank(RankingClient.season("duel", "s1"), duelWins.keySet().iterator().next())
                .getPlayerRank().getFound()).isTrue();
    }

    private void assertErrors(RankingClient client) throws Exception {
        assertError(client.top(RankingClient.season("chess", ""), 10, 0), ErrorCode.ERROR_CODE_UNKNOWN_BOARD);
        assertError(client.top(RankingClient.board("duel", Period.PERIOD_DAILY, ""), 10, 0), ErrorCode.ERROR_CODE_UNKNOWN_BOARD);
        assertError(client.top(RankingClient.board("duel.wins", Period.PERIOD_ALL_TIME, ""), 10, 0),
                ErrorCode.ERROR_CODE_UNKNOWN_BOARD);
        assertError(client.top(RankingClient.season("duel", "s0"), 10, 0), ErrorCode.ERROR_CODE_UNKNOWN_BOARD);
        assertError(client.top(RankingClient.season("duel", ""), 0, 0), ErrorCode.ERROR_CODE_INVALID_ARGUMENT);
        assertError(client.top(RankingClient.board("duel.kills", Period.PERIOD_DAILY, "2026-02-30"), 10, 0),
                ErrorCode.ERROR_CODE_INVALID_ARGUMENT);
        assertError(client.around(RankingClient.season("duel", ""), "x", 51), ErrorCode.ERROR_CODE_INVALID_ARGUMENT);
        assertError(client.rank(RankingClient.season("duel", ""), ""), ErrorCode.ERROR_CODE_INVALID_ARGUMENT);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add("f" + i);
        }
        assertError(client.friends(RankingClient.season("duel", ""), tooMany), ErrorCode.ERROR_CODE_INVALID_ARGUMENT);
        assertThat(client.top(RankingClient.season("duel", ""), 100, 0).getPage().getEntries(99).getRank()).isEqualTo(100);
        // A past day nobody played: an empty board, not an error.
        LeaderboardPage empty = client.top(RankingClient.board("squad.kills", Period.PERIOD_DAILY, "2025-01-01"), 10, 0)
                .getPage();
        assertThat(empty.getTotalEntries()).isZero();
    }

    private static void assertError(ServerMessage reply, ErrorCode code) {
        assertThat(reply.hasError()).as("error reply %s", reply).isTrue();
        assertThat(reply.getError().getCode()).isEqualTo(code);
    }

    private void assertPage(LeaderboardPage page, int firstIndex, int size) {
        assertThat(page.getEntriesCount()).isEqualTo(size);
        for (int i = 0; i < size; i++) {
            Entry entry = page.getEntries(i);
            assertThat(entry.getRank()).isEqualTo(firstIndex + i + 1);
            assertThat(entry.getPlayerId()).isEqualTo(expectedOrder[firstIndex + i]);
        }
    }

    /**
     * Frees the big board in the background (UNLINK), so the next test class's FLUSHALL does not
     * spend seconds freeing a million entries.
     */
    void dropBoard() {
        redis().unlink(RankingKeys.board(new BoardName(Mode.DUEL, BoardName.Stat.RATING), BoardPeriod.SEASON, "s1"),
                RankingKeys.boardRatings(Mode.DUEL, "s1"));
    }

    /**
     * Loads the board with pipelined ZADDs. Values repeat (about 330 players per value, so the
     * time tie-break decides most neighbours); achievement seconds are a permutation, so no two
     * scores are equal and the expected order is a plain sort of the scores.
     */
    private void load(UnifiedJedis redis) {
        Random random = new Random(1);
        int[] seconds = new int[PLAYERS];
        for (int i = 0; i < PLAYERS; i++) {
            seconds[i] = i;
        }
        for (int i = PLAYERS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = seconds[i];
            seconds[i] = seconds[j];
            seconds[j] = swap;
        }
        long[] encoded = new long[PLAYERS];
        int[] indexBySecond = new int[PLAYERS];
        String board = RankingKeys.board(new BoardName(Mode.DUEL, BoardName.Stat.RATING), BoardPeriod.SEASON, "s1");
        String ratings = RankingKeys.boardRatings(Mode.DUEL, "s1");
        int batch = 5_000;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            Map<String, Double> zadd = new HashMap<>();
            Map<String, String> hset = new HashMap<>();
            for (int i = 0; i < PLAYERS; i++) {
                long value = random.nextInt(3_000);
                double score = ScoreCodec.encode(value, BASE_MS + seconds[i] * 1000L);
                encoded[i] = (long) score;
                indexBySecond[seconds[i]] = i;
                zadd.put("p" + i, score);
                if (value >= 2_950) {
                    // ratings behind the top of the board (the rest show no rating: not needed here)
                    hset.put("p" + i, (25 + value / 100.0) + " " + (1 + random.nextDouble()));
                }
                if (zadd.size() == batch) {
                    pipeline.zadd(board, zadd);
                    zadd = new HashMap<>();
                }
                if (i % 100_000 == 99_999) {
                    pipeline.sync();
                }
            }
            if (!zadd.isEmpty()) {
                pipeline.zadd(board, zadd);
            }
            pipeline.hset(ratings, hset);
            pipeline.sync();
        }
        long[] sorted = encoded.clone();
        Arrays.sort(sorted);
        expectedOrder = new String[PLAYERS];
        for (int i = 0; i < PLAYERS; i++) {
            long score = sorted[PLAYERS - 1 - i];
            long second = ScoreCodec.MAX_TIME_S - (score & ScoreCodec.MAX_TIME_S)
                    - (BASE_MS - ScoreCodec.EPOCH_MS) / 1000;
            int index = indexBySecond[(int) second];
            expectedOrder[i] = "p" + index;
            scores.put(expectedOrder[i], score);
        }
    }
}
