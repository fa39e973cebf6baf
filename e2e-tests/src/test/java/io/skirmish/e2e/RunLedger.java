package io.skirmish.e2e;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.game.v1.EndReason;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.ranking.ingest.MalformedResultException;
import io.skirmish.ranking.ingest.RatedMatch;
import io.skirmish.ranking.ingest.ResultParser;
import io.skirmish.ranking.rating.Rating;
import redis.clients.jedis.UnifiedJedis;

/**
 * The final read of a run, Jepsen style: after every fault healed, read what the stack stored
 * (Redis streams, fate records, applied markers, ratings; every document in Elasticsearch) and
 * list each loss and each duplicate with the time it belongs to, so a report can count them per
 * fault window.
 *
 * <p>What counts as what:
 * <ul>
 *   <li>a match formed ({@code match_formed}) with no result record at all: result <b>lost</b>;</li>
 *   <li>a rateable result (the ranking-server's own parser says so) with no applied marker:
 *       result <b>never applied</b> (lost); a rating whose {@code matches} counter exceeds the
 *       markers naming it: applied <b>twice</b> (duplicated);</li>
 *   <li>a rating that differs from a replay of the applied results in commit order: <b>diverging</b>
 *       (counted with the duplicates: a rating moved by something other than one application);</li>
 *   <li>an event id in {@code skirmish:events} absent from Elasticsearch: <b>missing</b>; in
 *       Elasticsearch twice or more: <b>twice</b>;</li>
 *   <li>a player connected to two matches at the same moment: <b>two matches at once</b>
 *       (duplicated; see {@link #checkOverlaps}).</li>
 * </ul>
 */
final class RunLedger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPLIED = "skirmish:{rk}:applied:";
    private static final int PAGE = 5_000;

    /** One loss or duplicate, at the time it belongs to (epoch ms). */
    record Problem(String kind, boolean lost, long atMs, String detail) {
    }

    /** The counts of a run. */
    record Counts(int formed, int ended, int aborted, int resultsLost, int appliedOnce, int appliedTwice,
                  int appliedNever, int ratingsDiverging, int eventsOnce, int eventsTwice, int eventsMissing,
                  int playersInTwoMatches) {

        int lost() {
            return resultsLost + appliedNever + eventsMissing;
        }

        int duplicated() {
            return appliedTwice + ratingsDiverging + eventsTwice + playersInTwoMatches;
        }
    }

    /** A player's presence change in a match ({@code join}, {@code leave} or {@code reconnect}). */
    private record Presence(String type, long atMs) {
    }

    /** A player's time in one match: from its join to its leave or the end of the match. */
    private record Stay(String matchId, long fromMs, long toMs) {
    }

    private final Map<String, Long> formed = new LinkedHashMap<>();
    private final Map<String, List<MatchResult>> results = new HashMap<>();
    private final Map<String, RatedMatch> rateable = new HashMap<>();
    private final Map<String, Long> eventTimes = new HashMap<>();
    /** Per match id, then player id: the player's join, leave and reconnect events in stream order. */
    private final Map<String, Map<String, List<Presence>>> presence = new HashMap<>();
    private final Map<String, Long> matchEnd = new HashMap<>();
    private final Map<String, Long> lastEventOfMatch = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private Counts counts;

    /** Reads everything and counts; {@code elasticsearch} is the node's base URI. */
    static RunLedger read(UnifiedJedis redis, URI elasticsearch) throws Exception {
        RunLedger ledger = new RunLedger();
        ledger.readEvents(redis);
        ledger.readResults(redis);
        int[] applied = ledger.checkApplied(redis);
        int diverging = ledger.checkReplay(redis);
        int[] events = ledger.checkElasticsearch(elasticsearch);
        int overlaps = ledger.checkOverlaps();
        int resultsLost = ledger.checkResults();
        int ended = 0;
        int aborted = 0;
        for (List<MatchResult> records : ledger.results.values()) {
            if (records.stream().anyMatch(r -> r.getEndReason() != EndReason.END_REASON_ABORTED)) {
                ended++;
            } else {
                aborted++;
            }
        }
        ledger.counts = new Counts(ledger.formed.size(), ended, aborted, resultsLost, applied[0], applied[1],
                applied[2], diverging, events[0], events[1], events[2], overlaps);
        return ledger;
    }

    /**
     * Reads until nothing is missing or two minutes pass: a healed stack catches up (results of
     * the last matches, the shipper's backlog), then the last read is the one that counts.
     */
    static RunLedger settle(UnifiedJedis redis, URI elasticsearch) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        RunLedger ledger = RunLedger.read(redis, elasticsearch);
        while (ledger.counts().lost() > 0 && System.currentTimeMillis() < deadline) {
            await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
            ledger = RunLedger.read(redis, elasticsearch);
        }
        return ledger;
    }

    Counts counts() {
        return counts;
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Matches formed in {@code [fromMs, toMs)}. */
    long formedBetween(long fromMs, long toMs) {
        return formed.values().stream().filter(t -> t >= fromMs && t < toMs).count();
    }

    private void readEvents(UnifiedJedis redis) throws Exception {
        StreamReader.forEach(redis, EventStreams.EVENTS, fields -> {
            JsonNode doc = JSON.readTree(new String(fields.get(EventStreams.FIELD_DOC), StandardCharsets.UTF_8));
            long at = Instant.parse(doc.path("@timestamp").asText()).toEpochMilli();
            eventTimes.putIfAbsent(doc.path("event_id").asText(), at);
            String type = doc.path("type").asText();
            String match = doc.path("match_id").asText();
            switch (type) {
                case "match_formed" -> formed.putIfAbsent(match, at);
                case "match_end" -> matchEnd.putIfAbsent(match, at);
                case "join", "leave", "reconnect" -> presence.computeIfAbsent(match, k -> new HashMap<>())
                        .computeIfAbsent(doc.path("player_id").asText(), k -> new ArrayList<>())
                        .add(new Presence(type, at));
                default -> { }
            }
            if (!match.isEmpty() && !"match_formed".equals(type) && !"match_aborted".equals(type)) {
                lastEventOfMatch.merge(match, at, Math::max);
            }
        });
    }

    private void readResults(UnifiedJedis redis) throws Exception {
        ResultParser parser = new ResultParser();
        StreamReader.forEach(redis, EventStreams.RESULTS, fields -> {
            String id = new String(fields.get(EventStreams.FIELD_ID), StandardCharsets.UTF_8);
            results.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(MatchResult.parseFrom(fields.get(EventStreams.FIELD_RESULT)));
            try {
                if (parser.parse(fields) instanceof ResultParser.Rate rate) {
                    rateable.putIfAbsent(id, rate.match());
                }
            } catch (MalformedResultException e) {
                problems.add(new Problem("malformed result", true, 0, id + ": " + e.getMessage()));
            }
        });
    }

    private int checkResults() {
        int lost = 0;
        for (Map.Entry<String, Long> match : formed.entrySet()) {
            if (!results.containsKey(match.getKey())) {
                lost++;
                problems.add(new Problem("result lost", true, match.getValue(), match.getKey()));
            }
        }
        return lost;
    }

    /** @return applied once, twice, never */
    private int[] checkApplied(UnifiedJedis redis) {
        Map<String, Integer> markersPerRating = new HashMap<>();
        int once = 0;
        int never = 0;
        for (Map.Entry<String, RatedMatch> entry : rateable.entrySet()) {
            String marker = redis.get(APPLIED + entry.getKey());
            if (marker == null) {
                never++;
                problems.add(new Problem("result never applied", true, entry.getValue().endedAtMs(), entry.getKey()));
                continue;
            }
            once++;
            for (RatedMatch.Team team : entry.getValue().teams()) {
                for (RatedMatch.Player player : team.players()) {
                    markersPerRating.merge(ratingKey(entry.getValue(), player), 1, Integer::sum);
                }
            }
        }
        int twice = 0;
        for (Map.Entry<String, Integer> rating : markersPerRating.entrySet()) {
            String stored = redis.hget(rating.getKey(), "matches");
            int extra = stored == null ? 0 : Integer.parseInt(stored) - rating.getValue();
            if (extra > 0) {
                twice += extra;
                problems.add(new Problem("result applied twice", false, 0, rating.getKey() + " +" + extra));
            }
        }
        return new int[] {once, twice, never};
    }

    private int checkReplay(UnifiedJedis redis) {
        Map<Long, RatedMatch> bySequence = new TreeMap<>();
        for (Map.Entry<String, RatedMatch> entry : rateable.entrySet()) {
            String marker = redis.get(APPLIED + entry.getKey());
            if (marker != null) {
                bySequence.put(Long.parseLong(marker.substring(0, marker.indexOf('|'))), entry.getValue());
            }
        }
        RatingReplay replay = new RatingReplay();
        bySequence.values().forEach(replay::apply);
        int diverging = 0;
        for (Map.Entry<String, Rating> expected : replay.ratings().entrySet()) {
            Map<String, String> stored = redis.hgetAll(expected.getKey());
            boolean same = !stored.isEmpty()
                    && Double.parseDouble(stored.get("mu")) == expected.getValue().mu()
                    && Double.parseDouble(stored.get("sigma")) == expected.getValue().sigma();
            if (!same) {
                diverging++;
                problems.add(new Problem("rating diverges from replay", false, 0, expected.getKey() + " stored "
                        + stored.get("mu") + "/" + stored.get("sigma") + " replayed " + expected.getValue()));
            }
        }
        return diverging;
    }

    /** @return event ids in Elasticsearch once, twice or more, missing */
    private int[] checkElasticsearch(URI elasticsearch) throws Exception {
        Map<String, Integer> indexed = indexedEventIds(elasticsearch);
        int once = 0;
        int twice = 0;
        int missing = 0;
        for (Map.Entry<String, Long> event : eventTimes.entrySet()) {
            int copies = indexed.getOrDefault(event.getKey(), 0);
            if (copies == 0) {
                missing++;
                problems.add(new Problem("event missing in Elasticsearch", true, event.getValue(), event.getKey()));
            } else if (copies == 1) {
                once++;
            } else {
                twice++;
                problems.add(new Problem("event indexed " + copies + " times", false, event.getValue(), event.getKey()));
            }
        }
        return new int[] {once, twice, missing};
    }

    /** Every document's event id, with how many documents carry it, paged by {@code search_after}. */
    private static Map<String, Integer> indexedEventIds(URI elasticsearch) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/skirmish-events-*/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        Map<String, Integer> ids = new HashMap<>();
        JsonNode after = null;
        while (true) {
            ObjectNode query = JSON.createObjectNode();
            query.put("size", PAGE).put("track_total_hits", false);
            query.putArray("_source").add("event_id");
            query.putArray("sort").add(JSON.createObjectNode().put("event_id", "asc"))
                    .add(JSON.createObjectNode().put("_doc", "asc"));
            if (after != null) {
                query.set("search_after", after);
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(elasticsearch + "/skirmish-events-*/_search"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(query))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Elasticsearch search failed: " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode hits = JSON.readTree(response.body()).path("hits").path("hits");
            for (JsonNode hit : hits) {
                ids.merge(hit.path("_source").path("event_id").asText(), 1, Integer::sum);
            }
            if (hits.size() < PAGE) {
                return ids;
            }
            after = hits.get(hits.size() - 1).path("sort");
        }
    }

    /**
     * Players connected to two matches at the same moment. A player's stay in a match runs from
     * its first {@code join} to its last {@code leave} (when no {@code reconnect} followed), else
     * to the match's {@code match_end}, else, for a match whose game server died, to the last
     * event that server wrote for the match (the server was gone after it).
     */
    private int checkOverlaps() {
        Map<String, List<Stay>> byPlayer = new HashMap<>();
        presence.forEach((match, players) -> players.forEach((player, changes) -> {
            long from = changes.stream().filter(c -> c.type().equals("join")).mapToLong(Presence::atMs).min()
                    .orElse(Long.MAX_VALUE);
            Presence last = changes.get(changes.size() - 1);
            long to = last.type().equals("leave") ? last.atMs()
                    : matchEnd.getOrDefault(match, lastEventOfMatch.getOrDefault(match, from));
            if (from != Long.MAX_VALUE) {
                byPlayer.computeIfAbsent(player, k -> new ArrayList<>()).add(new Stay(match, from, to));
            }
        }));
        Set<String> overlapping = new HashSet<>();
        for (Map.Entry<String, List<Stay>> player : byPlayer.entrySet()) {
            List<Stay> stays = new ArrayList<>(player.getValue());
            stays.sort(Comparator.comparingLong(Stay::fromMs));
            for (int i = 1; i < stays.size(); i++) {
                Stay previous = stays.get(i - 1);
                Stay next = stays.get(i);
                if (next.fromMs() < previous.toMs() && overlapping.add(player.getKey())) {
                    problems.add(new Problem("player in two matches at once", false, next.fromMs(),
                            player.getKey() + " in " + previous.matchId() + " until " + previous.toMs() + " and in "
                                    + next.matchId() + " from " + next.fromMs()));
                }
            }
        }
        return overlapping.size();
    }

    private static String ratingKey(RatedMatch match, RatedMatch.Player player) {
        return io.skirmish.ranking.store.RankingKeys.rating(match.mode(), player.playerId());
    }

    /** Reads a whole stream in pages, as raw fields. */
    static final class StreamReader {
        interface EntryHandler {
            void accept(Map<String, byte[]> fields) throws Exception;
        }

        @SuppressWarnings("unchecked")
        static void forEach(UnifiedJedis redis, String stream, EntryHandler handler) throws Exception {
            byte[] start = EventStreams.bytes("-");
            while (true) {
                List<Object> page = redis.xrange(EventStreams.bytes(stream), start, EventStreams.bytes("+"), PAGE);
                for (Object raw : page) {
                    List<Object> entry = (List<Object>) raw;
                    List<Object> pairs = (List<Object>) entry.get(1);
                    Map<String, byte[]> fields = new HashMap<>();
                    for (int i = 0; i + 1 < pairs.size(); i += 2) {
                        fields.put(new String((byte[]) pairs.get(i), StandardCharsets.UTF_8), (byte[]) pairs.get(i + 1));
                    }
                    handler.accept(fields);
                }
                if (page.size() < PAGE) {
                    return;
                }
                String lastId = new String((byte[]) ((List<Object>) page.get(page.size() - 1)).get(0),
                        StandardCharsets.UTF_8);
                start = EventStreams.bytes("(" + lastId);
            }
        }
    }
}
