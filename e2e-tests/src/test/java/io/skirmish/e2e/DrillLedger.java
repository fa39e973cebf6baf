package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.ranking.ingest.MalformedResultException;
import io.skirmish.ranking.ingest.ResultParser;
import io.skirmish.ranking.store.RankingKeys;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamInfo;

/**
 * The Jepsen-style count of a drill: what the game servers acknowledged against what the stores
 * hold once everything healed. Results: every entry a game server's {@code XADD} was acknowledged
 * for is in {@code skirmish:results} (entries ever added, which trimming does not lower, at least
 * the acknowledged count), and every result the ranking-server's parser rates has its applied
 * record, once. Events: every distinct event id of {@code skirmish:events} is one document in
 * Elasticsearch.
 */
final class DrillLedger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private final UnifiedJedis redis;
    private final HttpClient http = HttpClient.newHttpClient();

    DrillLedger(UnifiedJedis redis) {
        this.redis = redis;
    }

    /**
     * @param acknowledged appends the game servers counted as acknowledged
     * @param inStream     entries the stream ever took ({@code entries-added}, all producers)
     * @param distinct     distinct ids in the stream (a retried append leaves a duplicate entry)
     * @param missing      ids that should have reached the consumer's store and did not
     * @param duplicated   ids the consumer's store holds more than once
     */
    record Count(String what, long acknowledged, long inStream, int distinct, int missing, int duplicated) {
        long lost() {
            return Math.max(0, acknowledged - inStream) + missing;
        }

        @Override
        public String toString() {
            return String.format("%s: acknowledged %d, in stream %d (%d distinct), lost %d, duplicated %d", what,
                    acknowledged, inStream, distinct, lost(), duplicated);
        }
    }

    /**
     * Waits until every rated result in the stream is applied, then counts.
     *
     * @param gameMetrics Prometheus endpoints of every game server that ran (still running)
     */
    Count results(List<String> gameMetrics) {
        Set<String> rated = ratedResults();
        List<String> missing = new ArrayList<>();
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).until(() -> {
            missing.clear();
            for (String match : rated) {
                if (!redis.exists(RankingKeys.applied(match))) {
                    missing.add(match);
                }
            }
            return missing.isEmpty();
        });
        long acknowledged = sum(gameMetrics, "game_results_published_total");
        return new Count("results", acknowledged, entriesAdded(EventStreams.RESULTS), distinctIds(EventStreams.RESULTS).size(),
                missing.size(), (int) Math.max(0, applied() - rated.size()));
    }

    /** Waits until Elasticsearch holds every distinct event id of the stream, then counts. */
    Count events(List<String> gameMetrics, ElasticsearchEndpoint es, String indexPrefix) {
        Set<String> ids = distinctIds(EventStreams.EVENTS);
        long[] indexed = new long[1];
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            indexed[0] = indexedDocs(es, indexPrefix);
            return indexed[0] >= ids.size();
        });
        long acknowledged = sum(gameMetrics, "game_events_published_total");
        return new Count("events", acknowledged, entriesAdded(EventStreams.EVENTS), ids.size(),
                (int) Math.max(0, ids.size() - indexed[0]), (int) Math.max(0, indexed[0] - ids.size()));
    }

    /** Asserts nothing acknowledged was lost and nothing counted twice. */
    static void assertExact(Count count) {
        assertThat(count.inStream()).as("%s: stream entries against acknowledged appends", count)
                .isGreaterThanOrEqualTo(count.acknowledged());
        assertThat(count.missing()).as("%s: missing downstream", count).isZero();
        assertThat(count.duplicated()).as("%s: duplicated downstream", count).isZero();
    }

    /**
     * Players whose reported matches overlap in time ({@code started_at_ms} to {@code ended_at_ms}
     * of each result in the stream, aborted ones included): a player placed in two matches at once.
     * A match is one stay however many entries name it: a result the game server wrote again
     * (it could not see it in the stream) or an abort recorded beside a late result is the same
     * match, which the ranking-server applies once, not a second one.
     */
    List<String> playersInTwoMatchesAtOnce() {
        record Stay(String matchId, long fromMs, long toMs) {
        }
        Map<String, Map<String, Stay>> byPlayer = new HashMap<>();
        for (Map<String, byte[]> fields : entries(EventStreams.RESULTS)) {
            io.skirmish.protocol.game.v1.MatchResult result;
            try {
                result = io.skirmish.protocol.game.v1.MatchResult.parseFrom(fields.get(EventStreams.FIELD_RESULT));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError("unreadable result in the stream: " + e.getMessage(), e);
            }
            for (var player : result.getPlayersList()) {
                byPlayer.computeIfAbsent(player.getPlayerId(), k -> new HashMap<>())
                        .putIfAbsent(result.getMatchId(), new Stay(result.getMatchId(), result.getStartedAtMs(), result.getEndedAtMs()));
            }
        }
        List<String> overlapping = new ArrayList<>();
        byPlayer.forEach((player, byMatch) -> {
            List<Stay> stays = new ArrayList<>(byMatch.values());
            stays.sort(java.util.Comparator.comparingLong(Stay::fromMs));
            for (int i = 1; i < stays.size(); i++) {
                if (stays.get(i).fromMs() < stays.get(i - 1).toMs()) {
                    overlapping.add(player + " in " + stays.get(i - 1).matchId() + " and " + stays.get(i).matchId());
                    break;
                }
            }
        });
        return overlapping;
    }

    /** Results the ranking-server applied so far (its own counter, in the ranking slot). */
    long applied() {
        String applied = redis.hget(RankingKeys.counters(), "applied");
        return applied == null ? 0 : Long.parseLong(applied);
    }

    long entriesAdded(String stream) {
        StreamInfo info = redis.xinfoStream(stream);
        return ((Number) info.getStreamInfo().get("entries-added")).longValue();
    }

    /** Distinct event ids in {@code skirmish:events}: what Elasticsearch must hold, once each. */
    long distinctEventIds() {
        return distinctIds(EventStreams.EVENTS).size();
    }

    private Set<String> distinctIds(String stream) {
        Set<String> ids = new HashSet<>();
        for (Map<String, byte[]> fields : entries(stream)) {
            ids.add(new String(fields.get(EventStreams.FIELD_ID), StandardCharsets.UTF_8));
        }
        return ids;
    }

    /** Match ids the ranking-server's own parser rates (not aborted, enough players connected). */
    private Set<String> ratedResults() {
        Set<String> rated = new HashSet<>();
        ResultParser parser = new ResultParser();
        for (Map<String, byte[]> fields : entries(EventStreams.RESULTS)) {
            try {
                if (parser.parse(fields) instanceof ResultParser.Rate) {
                    rated.add(new String(fields.get(EventStreams.FIELD_ID), StandardCharsets.UTF_8));
                }
            } catch (MalformedResultException e) {
                throw new AssertionError("malformed result in the stream: " + e.getMessage(), e);
            }
        }
        return rated;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, byte[]>> entries(String stream) {
        List<Map<String, byte[]>> all = new ArrayList<>();
        for (Object raw : redis.xrange(EventStreams.bytes(stream), EventStreams.bytes("-"), EventStreams.bytes("+"))) {
            List<Object> pairs = (List<Object>) ((List<Object>) raw).get(1);
            Map<String, byte[]> fields = new HashMap<>();
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                fields.put(new String((byte[]) pairs.get(i), StandardCharsets.UTF_8), (byte[]) pairs.get(i + 1));
            }
            all.add(fields);
        }
        return all;
    }

    /** Documents in {@code <indexPrefix>-*} (0 while Elasticsearch or the index is not there). */
    long indexedDocs(ElasticsearchEndpoint es, String indexPrefix) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(es.uri() + "/" + indexPrefix + "-*/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(es.uri() + "/" + indexPrefix + "-*/_count")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return 0;
        }
        JsonNode reply = JSON.readTree(response.body());
        return reply.path("count").asLong();
    }

    /** The sum of one counter over several Prometheus endpoints. */
    private long sum(List<String> endpoints, String counter) {
        long total = 0;
        for (String endpoint : endpoints) {
            total += (long) scrape(endpoint, counter);
        }
        return total;
    }

    double scrape(String endpoint, String counter) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            double value = 0;
            for (String line : response.body().split("\n")) {
                if (line.startsWith(counter + " ") || line.startsWith(counter + "{")) {
                    value += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return value;
        } catch (Exception e) {
            throw new AssertionError("could not scrape " + endpoint + ": " + e, e);
        }
    }
}
