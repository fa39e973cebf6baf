package io.skirmish.ranking.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.ranking.board.BoardName;
import io.skirmish.ranking.board.BoardPeriod;
import io.skirmish.ranking.board.ScoreCodec;
import io.skirmish.ranking.ingest.ConsumerConfig;
import io.skirmish.ranking.ingest.RatingChanges;
import io.skirmish.ranking.ingest.ResultConsumer;
import io.skirmish.ranking.ingest.ResultParser;
import io.skirmish.ranking.rating.Rating;
import io.skirmish.ranking.store.Mode;
import io.skirmish.ranking.store.RankingKeys;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * Exactly once under duplicates, racing consumers and a consumer killed between commit and
 * acknowledgement, against the in-memory oracle. Shared by the single-node and cluster ITs.
 */
abstract class ExactlyOnceScenario {

    private static final int UNIQUE = 5_000;
    private static final int DUPLICATES = 1_000;

    protected abstract UnifiedJedis redis();

    void appliesEveryResultExactlyOnceAcrossTwoConsumersWithOneKilled() throws Exception {
        UnifiedJedis redis = redis();
        IngestStack.startFirstSeason(redis, "s1");
        long firstEnd = System.currentTimeMillis() - 2 * 3_600_000L;
        List<MatchResult> unique = new ResultGenerator(42, 1_500, firstEnd).results(UNIQUE, "m");
        List<MatchResult> deliveries = new ArrayList<>(unique);
        Random random = new Random(7);
        for (int i = 0; i < DUPLICATES; i++) {
            deliveries.add(unique.get(random.nextInt(UNIQUE)));
        }
        Collections.shuffle(deliveries, random);
        List<Map<byte[], byte[]>> entries = new ArrayList<>();
        deliveries.forEach(result -> entries.add(EventStreams.resultFields(result.getMatchId(), result.toByteArray())));
        entries.add(1_000, EventStreams.resultFields("garbage", new byte[] {1, 2, 3, 4, 5}));
        Map<byte[], byte[]> wrongVersion = EventStreams.resultFields("m-0", unique.get(0).toByteArray());
        wrongVersion.put(EventStreams.bytes(EventStreams.FIELD_VERSION), EventStreams.bytes("9"));
        entries.add(3_000, wrongVersion);
        MatchResult split = unique.get(1).toBuilder().setMatchId("split-team")
                .setPlayers(0, unique.get(1).getPlayers(0).toBuilder().setTeam(2).setPlacement(1)).build();
        entries.add(5_000, EventStreams.resultFields("split-team", split.toByteArray()));
        append(redis, entries);

        ConsumerConfig base = ConsumerConfig.defaults("a").withBatchSize(50);
        IngestStack a = new IngestStack(redis, base.withName("a"));
        IngestStack b = new IngestStack(redis, base.withName("b").withClaimIdle(Duration.ofSeconds(1), Duration.ofMillis(200)));
        a.consumer.createGroup();

        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean aDead = new AtomicBoolean();
        Thread consumerA = new Thread(() -> {
            try {
                int handled = 0;
                while (handled < 2_000) {
                    handled += a.consumer.doWork();
                }
                // Killed between steps: one batch read and half of it committed, nothing acknowledged.
                List<ResultConsumer.Delivery> inFlight = a.consumer.readNew();
                List<io.skirmish.ranking.ingest.RatedMatch> half = new ArrayList<>();
                ResultParser parser = new ResultParser();
                for (ResultConsumer.Delivery delivery : inFlight.subList(0, inFlight.size() / 2)) {
                    if (parser.parse(delivery.fields()) instanceof ResultParser.Rate rate) {
                        half.add(rate.match());
                    }
                }
                a.applier.apply(half);
                aDead.set(!inFlight.isEmpty());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "consumer-a");
        AtomicBoolean stopB = new AtomicBoolean();
        Thread consumerB = new Thread(() -> {
            try {
                while (!stopB.get()) {
                    b.consumer.doWork();
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "consumer-b");
        consumerA.start();
        consumerB.start();
        consumerA.join(60_000);
        assertThat(aDead).as("consumer a died with entries in flight").isTrue();
        try {
            await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertThat(failure.get()).isNull();
                StreamGroupInfo group = redis.xinfoGroups(EventStreams.RESULTS).get(0);
                Object lag = group.getGroupInfo().get("lag");
                return group.getPending() == 0 && lag instanceof Long l && l == 0;
            });
        } finally {
            stopB.set(true);
            consumerB.join(10_000);
        }
        assertThat(failure.get()).isNull();

        // Every unique match committed exactly once: the commit sequence counts 1..5000 without a gap.
        assertThat(redis.get(RankingKeys.sequence())).isEqualTo(Integer.toString(UNIQUE));
        Map<String, Long> seqByMatch = commitSequences(redis, unique);
        assertThat(seqByMatch.values()).doesNotHaveDuplicates().allMatch(seq -> seq >= 1 && seq <= UNIQUE);
        assertThat(a.count("ranking.results.applied") + b.count("ranking.results.applied"))
                .as("applied counters (a's last half-batch was committed outside the consumer)")
                .isLessThanOrEqualTo(UNIQUE);
        assertThat(b.count("ranking.results.claimed")).isPositive();
        assertThat(a.count("ranking.results.duplicates") + b.count("ranking.results.duplicates"))
                .isGreaterThanOrEqualTo(DUPLICATES);
        assertThat(redis.xlen(ResultConsumer.DEAD_STREAM)).isEqualTo(3);

        // The oracle: one in-memory pass over the unique results, in commit order.
        List<MatchResult> inCommitOrder = new ArrayList<>(unique);
        inCommitOrder.sort((x, y) -> Long.compare(seqByMatch.get(x.getMatchId()), seqByMatch.get(y.getMatchId())));
        RatingOracle oracle = new RatingOracle();
        inCommitOrder.forEach(oracle::apply);
        assertMatchesOracle(redis, oracle);

        // rating_changed events: one per player and unique match, whatever the redeliveries.
        int expectedEvents = unique.stream().mapToInt(MatchResult::getPlayersCount).sum();
        Set<String> eventIds = redis.xrange(EventStreams.EVENTS, (StreamEntryID) null, null).stream()
                .map(entry -> entry.getFields().get("id")).collect(Collectors.toSet());
        assertThat(eventIds).hasSize(expectedEvents);
    }

    /** One consumer, no kill: commit order is stream order, so the oracle runs in stream order. */
    void singleConsumerMatchesTheOracleInStreamOrder() {
        UnifiedJedis redis = redis();
        IngestStack.startFirstSeason(redis, "s1");
        List<MatchResult> unique = new ResultGenerator(9, 300, System.currentTimeMillis() - 3_600_000L)
                .results(800, "solo");
        List<Map<byte[], byte[]>> entries = new ArrayList<>();
        Random random = new Random(3);
        List<MatchResult> firstOccurrence = new ArrayList<>();
        for (MatchResult result : unique) {
            entries.add(EventStreams.resultFields(result.getMatchId(), result.toByteArray()));
            firstOccurrence.add(result);
            if (random.nextInt(5) == 0) {
                MatchResult earlier = firstOccurrence.get(random.nextInt(firstOccurrence.size()));
                entries.add(EventStreams.resultFields(earlier.getMatchId(), earlier.toByteArray()));
            }
        }
        append(redis, entries);
        IngestStack solo = new IngestStack(redis, ConsumerConfig.defaults("solo").withBatchSize(64));
        solo.consumer.createGroup();
        await().atMost(60, TimeUnit.SECONDS).until(() -> {
            solo.consumer.doWork();
            StreamGroupInfo group = redis.xinfoGroups(EventStreams.RESULTS).get(0);
            return group.getPending() == 0 && Long.valueOf(0).equals(group.getGroupInfo().get("lag"));
        });
        RatingOracle oracle = new RatingOracle();
        firstOccurrence.forEach(oracle::apply);
        assertMatchesOracle(redis, oracle);
        assertThat(solo.count("ranking.results.applied")).isEqualTo(800);
    }

    private static void assertMatchesOracle(UnifiedJedis redis, RatingOracle oracle) {
        Map<String, Response<List<String>>> stored = new LinkedHashMap<>();
        Map<String, Response<Double>> boardScores = new HashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String key : oracle.ratings.keySet()) {
                Mode mode = Mode.fromKeyName(key.substring(0, key.indexOf(':')));
                String player = key.substring(key.indexOf(':') + 1);
                stored.put(key, pipeline.hmget(RankingKeys.rating(mode, player), "mu", "sigma", "matches", "wins"));
                boardScores.put(key, pipeline.zscore(RankingKeys.board(new BoardName(mode, BoardName.Stat.RATING),
                        BoardPeriod.SEASON, "s1"), player));
            }
            pipeline.sync();
        }
        Map<String, String> mismatches = new TreeMap<>();
        stored.forEach((key, response) -> {
            List<String> fields = response.get();
            Rating expected = oracle.ratings.get(key);
            Rating actual = new Rating(Double.parseDouble(fields.get(0)), Double.parseDouble(fields.get(1)));
            if (!actual.equals(expected)) {
                mismatches.put(key, "stored " + actual + " oracle " + expected);
            }
            if (Integer.parseInt(fields.get(2)) != oracle.matches.get(key)) {
                mismatches.put(key, "matches " + fields.get(2) + " oracle " + oracle.matches.get(key));
            }
            int wins = fields.get(3) == null ? 0 : Integer.parseInt(fields.get(3));
            if (wins != oracle.wins.getOrDefault(key, 0)) {
                mismatches.put(key, "wins " + wins + " oracle " + oracle.wins.getOrDefault(key, 0));
            }
            if (ScoreCodec.value(boardScores.get(key).get()) != expected.display()) {
                mismatches.put(key, "board value " + ScoreCodec.value(boardScores.get(key).get())
                        + " oracle display " + expected.display());
            }
        });
        assertThat(mismatches).as("players whose stored state differs from the oracle").isEmpty();
        assertThat(stored).hasSize(oracle.ratings.size());
    }

    private static Map<String, Long> commitSequences(UnifiedJedis redis, List<MatchResult> unique) {
        Map<String, Response<String>> markers = new LinkedHashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (MatchResult result : unique) {
                markers.put(result.getMatchId(), pipeline.get(RankingKeys.applied(result.getMatchId())));
            }
            pipeline.sync();
        }
        Map<String, Long> seq = new HashMap<>();
        markers.forEach((id, marker) -> {
            assertThat(marker.get()).as("marker of " + id).isNotNull();
            seq.put(id, RatingChanges.sequenceOf(marker.get()));
        });
        return seq;
    }

    static void append(UnifiedJedis redis, List<Map<byte[], byte[]>> entries) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Map<byte[], byte[]> fields : entries) {
                pipeline.xadd(EventStreams.bytes(EventStreams.RESULTS), XAddParams.xAddParams(), fields);
            }
            pipeline.sync();
        }
    }
}
