package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.EventLoopGroup;
import io.skirmish.client.RankingConnection;
import io.skirmish.bots.swarm.SwarmMain;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.kit.net.Transports;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.Entry;
import io.skirmish.protocol.ranking.v1.Period;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;

/**
 * One end-to-end run against a stack that is already up, however it runs (child JVMs in
 * {@code WholeStackIT}, containers behind HAProxy in {@code container-tests}): 60 bots play whole
 * matches in every mode for 30 s through the match and ranking addresses given, then every match
 * has a result, every player's rating changed exactly once per match (the before/after chain of
 * the applied results is unbroken and ends at the stored rating), the leaderboards list every
 * player, and every gameplay event of those matches is in Elasticsearch exactly once.
 * Redis and Elasticsearch are read directly for the checks; the bots see only the public protocols.
 */
public final class EndToEndRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "e2e";
    private static final List<String> MODES = List.of("duel", "squad", "ffa");

    private final Path reportDir;
    private final String redisUrl;
    private final ElasticsearchEndpoint es;
    private final String matchAddress;
    private final String rankingHost;
    private final int rankingPort;
    private final Map<String, String> metricsEndpoints;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * @param matchAddress     host:port of a match-server (or of a load balancer in front of several)
     * @param metricsEndpoints Prometheus endpoints by service name, sampled into the swarm's report
     */
    public EndToEndRun(Path reportDir, String redisUrl, ElasticsearchEndpoint es, String matchAddress,
                       String rankingHost, int rankingPort, Map<String, String> metricsEndpoints) {
        this.reportDir = reportDir;
        this.redisUrl = redisUrl;
        this.es = es;
        this.matchAddress = matchAddress;
        this.rankingHost = rankingHost;
        this.rankingPort = rankingPort;
        this.metricsEndpoints = Map.copyOf(metricsEndpoints);
    }

    /** Plays, checks everything landed exactly once, and returns the swarm's JSON report. */
    public JsonNode playAndAssertEverythingLandedOnce() throws Exception {
        try (UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(redisUrl), "e2e", Duration.ofSeconds(5))) {
            List<String> args = new ArrayList<>(List.of("--bots=60", "--ramp-up=5s", "--duration=30s",
                    "--drain-timeout=90s", "--mode-mix=duel=40,squad=40,ffa=20", "--seed=42",
                    "--party-share=0.3", "--idle-share=0.05", "--reconnect-share=0.05", "--misbehave-share=0.05",
                    "--queue-timeout=90s", "--rank-timeout=60s", "--player-prefix=" + PREFIX,
                    "--match-server=" + matchAddress, "--ranking-server=" + rankingHost + ":" + rankingPort,
                    "--report-dir=" + reportDir, "--redis-url=" + redisUrl,
                    "--elasticsearch-url=" + es.uri(), "--slo=error-rate=0%"));
            metricsEndpoints.forEach((name, url) -> args.add("--service=" + name + "=" + url));

            int exit = CommandRunner.run(new SwarmMain(), args.toArray(String[]::new));

            JsonNode report = onlyReport(reportDir);
            assertThat(report.path("errors").size()).as("errors the bots saw: %s, first of each: %s",
                    report.path("errors"), report.path("error_examples")).isZero();
            assertThat(exit).as("swarm exit status (thresholds: %s)", report.path("slos")).isZero();
            assertThat(report.path("rtt_ms").path("count").asLong()).isPositive();
            Map<String, String> endReasons = endReasons(redis);
            assertThat(endReasons).as("matches formed and ended").hasSizeGreaterThanOrEqualTo(6);
            assertEveryResultIsInTheResultsStream(redis, endReasons.keySet());
            // Rated: what the ranking-server's own parser rates (not aborted, and an opponent of
            // the present players connected: a player who never connected is not rated).
            Set<String> rated = ratedResults(redis);
            rated.retainAll(endReasons.keySet());
            Map<String, Applied> applied = awaitResultsApplied(redis, rated);
            assertThat(applied.values().stream().map(Applied::mode).distinct()).containsExactlyInAnyOrderElementsOf(MODES);
            Map<String, List<Applied.Change>> changesByRating = changesByRating(applied);
            assertThat(changesByRating.keySet().stream().map(r -> r.substring(r.indexOf(':') + 1)).distinct())
                    .as("players with a rated match").hasSizeGreaterThanOrEqualTo(40);
            assertRatingsChangedExactlyOncePerMatch(redis, changesByRating);
            assertLeaderboardsListEveryPlayer(changesByRating.keySet());
            assertEveryEventIsSearchableExactlyOnce(redis, endReasons.keySet());
            System.out.println("[e2e figures] " + summary(report, endReasons.size()));
            return report;
        }
    }

    /** The run's figures on one line, to set a plain-process run beside a containerised one. */
    static String summary(JsonNode report, int matchesEnded) {
        return "matches ended " + matchesEnded + " | swarm " + report.path("duration_s").asText() + " s"
                + " | totals " + report.path("totals") + " | rtt ms " + report.path("rtt_ms")
                + " | time to match ms " + report.path("time_to_match_ms")
                + " | rank update ms " + report.path("rank_update_ms");
    }

    private static JsonNode onlyReport(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(json).hasSize(1);
            assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".html"))).hasSize(1);
            return JSON.readTree(json.get(0).toFile());
        }
    }

    /**
     * Every match that formed (match-server) and ended (game-server), with its end reason; a match
     * nobody came to ends (aborted) at its join window, possibly after the bots stopped.
     */
    private static Map<String, String> endReasons(UnifiedJedis redis) {
        Map<String, String> ended = new HashMap<>();
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> formed = new HashSet<>();
            ended.clear();
            for (StreamEntry entry : redis.xrange(EventStreams.EVENTS, (StreamEntryID) null, null)) {
                JsonNode doc = JSON.readTree(entry.getFields().get(EventStreams.FIELD_DOC));
                switch (doc.path("type").asText()) {
                    case "match_formed" -> formed.add(doc.path("match_id").asText());
                    case "match_end" -> ended.put(doc.path("match_id").asText(), doc.path("reason").asText());
                    default -> { }
                }
            }
            assertThat(ended.keySet()).as("every formed match ended").containsExactlyInAnyOrderElementsOf(formed);
        });
        return ended;
    }

    /** The commit record of one applied result (see docs/architecture.md, "Ranking keys"). */
    record Applied(String matchId, long sequence, String mode, List<Change> changes) {
        record Change(long sequence, String player, String muBefore, String sigmaBefore, String muAfter,
                      String sigmaAfter) {
        }

        static Applied parse(String matchId, String record) {
            String[] head = record.split(";");
            long sequence = Long.parseLong(head[0].substring(0, head[0].indexOf('|')));
            String mode = head[0].substring(head[0].indexOf('|') + 1).split(" ")[0];
            List<Change> changes = new ArrayList<>();
            for (int i = 1; i < head.length; i++) {
                String[] f = head[i].split(" ");
                changes.add(new Change(sequence, f[0], f[1], f[2], f[3], f[4]));
            }
            return new Applied(matchId, sequence, mode, changes);
        }
    }

    private static Map<String, Applied> awaitResultsApplied(UnifiedJedis redis, Set<String> matches) {
        Map<String, Applied> applied = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String match : matches) {
                String record = redis.get("skirmish:{rk}:applied:" + match);
                if (record != null) {
                    applied.put(match, Applied.parse(match, record));
                }
            }
            assertThat(applied.keySet()).as("matches whose result the ranking-server applied")
                    .containsExactlyInAnyOrderElementsOf(matches);
        });
        // Matches of these players the bots did not see end (a bot dropped), applied all the same.
        ScanParams params = new ScanParams().match("skirmish:{rk}:applied:*").count(500);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            for (String key : page.getResult()) {
                String match = key.substring("skirmish:{rk}:applied:".length());
                Applied record = Applied.parse(match, redis.get(key));
                if (record.changes().stream().anyMatch(c -> c.player().startsWith(PREFIX + "-"))) {
                    applied.putIfAbsent(match, record);
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return applied;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> ratedResults(UnifiedJedis redis) {
        Set<String> rated = new HashSet<>();
        io.skirmish.ranking.ingest.ResultParser parser = new io.skirmish.ranking.ingest.ResultParser();
        for (Object raw : redis.xrange(EventStreams.bytes(EventStreams.RESULTS), EventStreams.bytes("-"),
                EventStreams.bytes("+"))) {
            List<Object> pairs = (List<Object>) ((List<Object>) raw).get(1);
            Map<String, byte[]> fields = new HashMap<>();
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                fields.put(new String((byte[]) pairs.get(i), java.nio.charset.StandardCharsets.UTF_8), (byte[]) pairs.get(i + 1));
            }
            try {
                if (parser.parse(fields) instanceof io.skirmish.ranking.ingest.ResultParser.Rate) {
                    rated.add(new String(fields.get(EventStreams.FIELD_ID), java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (io.skirmish.ranking.ingest.MalformedResultException e) {
                throw new AssertionError("malformed result in the stream: " + e.getMessage(), e);
            }
        }
        return rated;
    }

    private static void assertEveryResultIsInTheResultsStream(UnifiedJedis redis, Set<String> matches) {
        Set<String> inStream = new HashSet<>();
        for (StreamEntry entry : redis.xrange(EventStreams.RESULTS, (StreamEntryID) null, null)) {
            inStream.add(entry.getFields().get(EventStreams.FIELD_ID));
        }
        assertThat(inStream).containsAll(matches);
    }

    /** Per player and mode (one rating each), the changes in commit order. */
    private static Map<String, List<Applied.Change>> changesByRating(Map<String, Applied> applied) {
        Map<String, List<Applied.Change>> byRating = new TreeMap<>();
        for (Applied result : applied.values()) {
            for (Applied.Change change : result.changes()) {
                byRating.computeIfAbsent(result.mode() + ":" + change.player(), k -> new ArrayList<>()).add(change);
            }
        }
        byRating.values().forEach(changes -> changes.sort((a, b) -> Long.compare(a.sequence(), b.sequence())));
        return byRating;
    }

    private static void assertRatingsChangedExactlyOncePerMatch(UnifiedJedis redis,
                                                                Map<String, List<Applied.Change>> changesByRating) {
        changesByRating.forEach((rating, changes) -> {
            Map<String, String> stored = redis.hgetAll("skirmish:{rk}:rating:" + rating);
            assertThat(stored.get("matches")).as("matches counted for %s", rating)
                    .isEqualTo(Integer.toString(changes.size()));
            for (int i = 1; i < changes.size(); i++) {
                assertThat(changes.get(i).muBefore()).as("%s: each match starts from the previous one's result", rating)
                        .isEqualTo(changes.get(i - 1).muAfter());
                assertThat(changes.get(i).sigmaBefore()).isEqualTo(changes.get(i - 1).sigmaAfter());
            }
            Applied.Change last = changes.get(changes.size() - 1);
            assertThat(stored.get("mu")).as("%s: the stored rating is the last match's result", rating)
                    .isEqualTo(last.muAfter());
            assertThat(stored.get("sigma")).isEqualTo(last.sigmaAfter());
        });
    }

    private void assertLeaderboardsListEveryPlayer(Set<String> ratings) throws Exception {
        Transports transport = Transports.best();
        EventLoopGroup group = transport.group(1, "e2e-ranking");
        try (RankingConnection ranking = RankingConnection.connect(group, transport, rankingHost, rankingPort)
                .get(10, TimeUnit.SECONDS)) {
            for (String mode : MODES) {
                ServerMessage top = ranking.top(BoardRef.newBuilder().setBoard(mode).setPeriod(Period.PERIOD_SEASON)
                        .build(), 100, 0).get(10, TimeUnit.SECONDS);
                Set<String> listed = new HashSet<>();
                top.getPage().getEntriesList().stream().map(Entry::getPlayerId).forEach(listed::add);
                Set<String> expected = new HashSet<>();
                ratings.stream().filter(r -> r.startsWith(mode + ":")).map(r -> r.substring(mode.length() + 1))
                        .forEach(expected::add);
                assertThat(listed).as("the %s board", mode).containsAll(expected);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private void assertEveryEventIsSearchableExactlyOnce(UnifiedJedis redis, Set<String> matches) throws Exception {
        Set<String> eventIds = new HashSet<>();
        Map<String, Integer> types = new TreeMap<>();
        for (StreamEntry entry : redis.xrange(EventStreams.EVENTS, (StreamEntryID) null, null)) {
            JsonNode doc = JSON.readTree(entry.getFields().get(EventStreams.FIELD_DOC));
            if (matches.contains(doc.path("match_id").asText()) && eventIds.add(doc.path("event_id").asText())) {
                types.merge(doc.path("type").asText(), 1, Integer::sum);
            }
        }
        assertThat(types).containsKeys("match_start", "match_end");
        ObjectNode query = JSON.createObjectNode();
        query.put("size", 0).put("track_total_hits", true);
        ArrayNode ids = query.putObject("query").putObject("terms").putArray("match_id");
        matches.forEach(ids::add);
        query.putObject("aggs").putObject("twice").putObject("terms").put("field", "event_id")
                .put("min_doc_count", 2).put("size", 10);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode reply = search(query);
            assertThat(reply.path("hits").path("total").path("value").asLong())
                    .as("documents of the played matches (events by type in the stream: %s)", types)
                    .isEqualTo(eventIds.size());
            assertThat(reply.path("aggregations").path("twice").path("buckets")).as("events indexed twice").isEmpty();
        });
    }

    private JsonNode search(JsonNode query) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(es.uri() + "/skirmish-events-*/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(es.uri() + "/skirmish-events-*/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(query))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
