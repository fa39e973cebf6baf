package io.skirmish.game.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.game.match.EventDescriptor;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.world.EndReason;
import io.skirmish.game.world.InputRejection;
import io.skirmish.kit.events.EventDoc;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerResult;

import java.util.EnumMap;
import java.util.Map;

/**
 * Output "events": one JSON document per gameplay event on {@code skirmish:events} (for
 * Elasticsearch, fields in {@code docs/architecture.md}); a kill makes two (kill and death).
 * At a match's end it also counts the inputs the rules clamped or dropped
 * ({@code game.inputs.rejected}), read from the same record. Publisher thread only.
 */
final class EventDocStage {

    private static final String SERVICE = "game-server";

    private final StreamAppender appender;
    private final String serverId;
    private final Map<InputRejection, Counter> rejectedInputs = new EnumMap<>(InputRejection.class);

    EventDocStage(StreamAppender appender, String serverId, MeterRegistry registry) {
        this.appender = appender;
        this.serverId = serverId;
        for (InputRejection reason : InputRejection.values()) {
            rejectedInputs.put(reason, Counter.builder("game.inputs.rejected").tag("reason", reason.tag())
                    .description("client inputs clamped or dropped by the rules, counted at match end")
                    .register(registry));
        }
    }

    void started(MatchProgress match, EventRecord record, long atMs) {
        MatchSpec spec = match.spec();
        publish(doc(match, record, "match_start", atMs).field("players_count", spec.players())
                .field("quality", spec.quality()));
    }

    /** {@code type}: join, reconnect or leave (with its reason). */
    void player(MatchProgress match, EventRecord record, String type, long atMs) {
        int slot = record.actor();
        MatchSpec spec = match.spec();
        EventDoc doc = doc(match, record, type, atMs).field("player_id", spec.playerIds().get(slot))
                .field("team", spec.wireTeamOf(slot));
        if (type.equals("leave")) {
            doc.field("reason", leaveReason(record.value()));
        }
        publish(doc);
    }

    static String leaveReason(int cause) {
        return switch (cause) {
            case EventDescriptor.LEFT_ON_PURPOSE -> "quit";
            case EventDescriptor.LEFT_TIMED_OUT -> "timed_out";
            case EventDescriptor.LEFT_NEVER_ARRIVED -> "never_arrived";
            default -> "unknown";
        };
    }

    void shot(MatchProgress match, EventRecord record, long atMs) {
        MatchSpec spec = match.spec();
        EventDoc doc = doc(match, record, "shot", atMs).field("player_id", spec.playerIds().get(record.actor()))
                .field("hit", record.value() == 1).point("position", record.x(), record.y());
        if (record.other() >= 0) {
            doc.field("target_id", spec.playerIds().get(record.other()));
        }
        publish(doc);
    }

    void kill(MatchProgress match, EventRecord record, long atMs) {
        MatchSpec spec = match.spec();
        String killer = spec.playerIds().get(record.actor());
        String victim = spec.playerIds().get(record.other());
        publish(doc(match, record, "kill", atMs).field("player_id", killer).field("target_id", victim)
                .point("position", record.x(), record.y()));
        publish(doc(match, record, "death", atMs).field("player_id", victim).field("target_id", killer)
                .point("position", record.x(), record.y()));
    }

    void respawn(MatchProgress match, EventRecord record, long atMs) {
        publish(doc(match, record, "respawn", atMs).field("player_id", match.spec().playerIds().get(record.actor()))
                .point("position", record.x(), record.y()));
    }

    void ended(MatchProgress match, EventRecord record, MatchResult result, EndReason reason) {
        MatchSpec spec = match.spec();
        int players = record.players();
        EventDoc doc = doc(match, record, "match_end", result.getEndedAtMs()).field("reason", reason.tag())
                .field("winner_team", result.getWinnerTeam())
                .field("duration_ms", result.getEndedAtMs() - result.getStartedAtMs()).field("players_count", players)
                .field("quality", spec.quality());
        doc.startObject("rejected_inputs");
        for (InputRejection rejection : InputRejection.values()) {
            long count = record.rejections(players, rejection.ordinal());
            doc.field(rejection.tag(), count);
            rejectedInputs.get(rejection).increment(count);
        }
        doc.endObject().startArray("players");
        for (PlayerResult player : result.getPlayersList()) {
            doc.startElement().field("player_id", player.getPlayerId()).field("team", player.getTeam())
                    .field("placement", player.getPlacement()).field("kills", player.getKills())
                    .field("deaths", player.getDeaths()).endObject();
        }
        doc.endArray();
        publish(doc);
    }

    private EventDoc doc(MatchProgress match, EventRecord record, String type, long atMs) {
        MatchSpec spec = match.spec();
        return EventDoc.start(match.nextEventId(), type, atMs, SERVICE)
                .field("match_id", spec.matchId())
                .field("mode", spec.mode().wireName())
                .field("region", spec.region())
                .field("server_id", serverId)
                .field("tick", record.tick());
    }

    private void publish(EventDoc doc) {
        appender.add(new StreamEntry(EventStreams.EVENTS, doc.streamFields()));
    }
}
