package io.skirmish.logship.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.skirmish.kit.events.EventDoc;
import io.skirmish.protocol.contract.EventStreams;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/**
 * Realistic {@code skirmish:events} entries, built with the same {@link EventDoc} the game-server
 * uses: matches of every mode with their start, joins, shots, kills, deaths, respawns and end, plus
 * match-server and ranking-server events. Deterministic for a given index.
 */
public final class TestEvents {

    /** 2026-11-24T23:00:00Z: a run of events crosses midnight, so two daily indices are written. */
    public static final long BASE_MS = java.time.Instant.parse("2026-11-24T23:00:00Z").toEpochMilli();
    private static final String[] MODES = {"duel", "squad", "ffa"};
    private static final String[] REGIONS = {"eu", "us"};
    private static final int EVENTS_PER_MATCH = 25;

    private TestEvents() {
    }

    /** The {@code i}-th event (0-based): event id {@code m<match>:<n>}. */
    public static EventDoc event(int i) {
        int match = i / EVENTS_PER_MATCH;
        int n = i % EVENTS_PER_MATCH;
        String matchId = "m" + match;
        String mode = MODES[match % MODES.length];
        long ms = BASE_MS + i * 1_000L; // 5,000 events reach past midnight
        String player = "p" + (match * 7 + n) % 50;
        String target = "p" + (match * 7 + n + 1) % 50;
        double x = (i * 37 % 400) / 10.0;
        double y = (i * 53 % 300) / 10.0;
        String type = switch (n) {
            case 0 -> "match_formed";
            case 1 -> "match_start";
            case 2, 3 -> "join";
            case 24 -> "match_end";
            case 23 -> "rating_changed";
            default -> switch (n % 4) {
                case 0 -> "shot";
                case 1 -> "kill";
                case 2 -> "death";
                default -> "respawn";
            };
        };
        String service = switch (type) {
            case "match_formed", "queue_joined" -> "match-server";
            case "rating_changed" -> "ranking-server";
            default -> "game-server";
        };
        EventDoc doc = EventDoc.start(matchId + ":" + (n + 1), type, ms, service)
                .field("match_id", matchId).field("mode", mode).field("region", REGIONS[match % 2]);
        switch (type) {
            case "match_formed" -> doc.field("quality", 0.5 + (match % 10) / 20.0).field("wait_ms", 1_000L + match % 30 * 500)
                    .field("skill_window", 5.0 + match % 3);
            case "match_start" -> doc.field("server_id", "gs-1").field("tick", 0).field("players_count", 2)
                    .field("quality", 0.8);
            case "join" -> doc.field("server_id", "gs-1").field("tick", n).field("player_id", player).field("team", 1 + n % 2);
            case "shot" -> doc.field("server_id", "gs-1").field("tick", n * 30).field("player_id", player)
                    .field("target_id", target).field("hit", i % 3 == 0).point("position", x, y);
            case "kill", "death" -> doc.field("server_id", "gs-1").field("tick", n * 30).field("player_id", player)
                    .field("target_id", target).point("position", x, y);
            case "respawn" -> doc.field("server_id", "gs-1").field("tick", n * 30).field("player_id", player)
                    .point("position", x, y);
            case "rating_changed" -> doc.field("player_id", player).field("rating_before", 25.0)
                    .field("rating_after", 25.0 + (match % 5) - 2);
            case "match_end" -> {
                doc.field("server_id", "gs-1").field("tick", 900).field("reason", "time_limit").field("winner_team", 1)
                        .field("duration_ms", 30_000L).field("players_count", 2).field("quality", 0.8);
                doc.startObject("rejected_inputs").field("speed_clamped", match % 4).field("fire_rate", match % 3)
                        .field("stale_sequence", 1).endObject();
                doc.startArray("players")
                        .startElement().field("player_id", player).field("team", 1).field("placement", 1)
                        .field("kills", 3).field("deaths", 1).endObject()
                        .startElement().field("player_id", target).field("team", 2).field("placement", 2)
                        .field("kills", 1).field("deaths", 3).endObject()
                        .endArray();
            }
            default -> {
            }
        }
        return doc;
    }

    public static String eventId(int i) {
        return "m" + (i / EVENTS_PER_MATCH) + ":" + (i % EVENTS_PER_MATCH + 1);
    }

    /** XADDs events {@code from} (inclusive) to {@code to} (exclusive), pipelined. */
    public static void append(UnifiedJedis redis, String stream, int from, int to) {
        XAddParams params = XAddParams.xAddParams();
        for (int start = from; start < to; start += 2_000) {
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (int i = start; i < Math.min(to, start + 2_000); i++) {
                    pipeline.xadd(EventStreams.bytes(stream), params, event(i).streamFields());
                }
                pipeline.sync();
            }
        }
    }

    /** Appends raw entries (for contract-breaking producers). */
    public static void appendRaw(UnifiedJedis redis, String stream, List<Map<String, String>> entries) {
        for (Map<String, String> fields : entries) {
            redis.xadd(stream, XAddParams.xAddParams(), fields);
        }
    }

    public static List<String> eventIds(int from, int to) {
        List<String> ids = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            ids.add(eventId(i));
        }
        return ids;
    }
}
