package io.skirmish.game.events;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelFutureListener;
import io.skirmish.game.match.EventDescriptor;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.match.Modes;
import io.skirmish.game.net.MatchSessions;
import io.skirmish.game.net.SessionDirectory;
import io.skirmish.game.net.UdpConnection;
import io.skirmish.game.snapshot.ViewBuilder;
import io.skirmish.game.tick.MatchHandle;
import io.skirmish.game.tick.TickLane;
import io.skirmish.game.world.ArenaRules;
import io.skirmish.game.world.EndReason;
import io.skirmish.game.world.InputRejection;
import io.skirmish.kit.events.EventDoc;
import io.skirmish.kit.events.EventStreams;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.Vec2;
import io.skirmish.protocol.game.Quantize;
import io.skirmish.protocol.game.v1.GameEvent;
import io.skirmish.protocol.game.v1.Kill;
import io.skirmish.protocol.game.v1.MatchEnd;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.MatchStarted;
import io.skirmish.protocol.game.v1.PlayerInfo;
import io.skirmish.protocol.game.v1.PlayerJoined;
import io.skirmish.protocol.game.v1.PlayerLeft;
import io.skirmish.protocol.game.v1.PlayerReconnected;
import io.skirmish.protocol.game.v1.PlayerResult;
import io.skirmish.protocol.game.v1.Respawn;
import io.skirmish.protocol.game.v1.ServerMessage;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the event records of every tick agent into what the rest of the system sees: gameplay
 * events on {@code skirmish:events} (JSON documents for Elasticsearch), one
 * {@code MatchResult} per match on {@code skirmish:results}, reliable {@code GameEvent}s and
 * the final {@code MatchEnd} pushed to the match's players over TCP.
 *
 * <p>Runs on its own thread so that a slow or absent Redis never stalls a tick. Entries Redis
 * refuses are kept, in order, and retried with backoff; up to a bound the publisher keeps
 * reading (so players still get their MatchEnd), beyond it the agents' ring buffers hold the
 * backlog, and only when those are full too are events dropped and counted
 * ({@code game.events.dropped}). A match's slot is released only after its result was appended. Event ids are {@code <matchId>:<n>}, so a
 * retried batch is deduplicated downstream.
 */
public final class MatchEventPublisher implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(MatchEventPublisher.class);
    private static final String SERVICE = "game-server";
    private static final int READ_LIMIT = 1_024;
    /** Entries held for Redis before the publisher stops reading (about 50 MB of small documents). */
    private static final int MAX_PENDING = 100_000;
    private static final long MIN_RETRY_NS = 50_000_000L;
    private static final long MAX_RETRY_NS = 2_000_000_000L;

    private final List<TickLane> lanes;
    private final SessionDirectory directory;
    private final StreamWriter writer;
    private final String serverId;
    private final int tickRateHz;
    private final InstantSource clock;
    private final Map<String, MatchProgress> progress = new HashMap<>();
    private final List<StreamEntry> pending = new ArrayList<>();
    private final List<Runnable> afterAppend = new ArrayList<>();
    private final EventRecord record = new EventRecord();
    private final MessageHandler handler;
    private final ArenaRules rules;
    private final Counter eventsPublished;
    private final Counter resultsPublished;
    private final Counter appendFailures;
    private final Map<InputRejection, Counter> rejectedInputs = new java.util.EnumMap<>(InputRejection.class);
    private TickLane currentLane;
    private long retryAtNs;
    private long retryBackoffNs = MIN_RETRY_NS;

    public MatchEventPublisher(List<TickLane> lanes, SessionDirectory directory, StreamWriter writer, String serverId,
                               int tickRateHz, ArenaRules rules, InstantSource clock, MeterRegistry registry) {
        this.lanes = List.copyOf(lanes);
        this.rules = rules;
        this.directory = directory;
        this.writer = writer;
        this.serverId = serverId;
        this.tickRateHz = tickRateHz;
        this.clock = clock;
        this.handler = this::onRecord;
        this.eventsPublished = registry.counter("game.events.published");
        this.resultsPublished = registry.counter("game.results.published");
        this.appendFailures = registry.counter("game.events.append.failures");
        for (InputRejection reason : InputRejection.values()) {
            rejectedInputs.put(reason, Counter.builder("game.inputs.rejected").tag("reason", reason.tag())
                    .description("client inputs clamped or dropped by the rules, counted at match end")
                    .register(registry));
        }
    }

    /** What the publisher remembers of a running match between its records. */
    private static final class MatchProgress {
        final MatchHandle handle;
        long nextEventNumber = 1;
        long startedAtMs;
        long startTick;

        MatchProgress(MatchHandle handle) {
            this.handle = handle;
        }
    }

    @Override
    public int doWork() {
        int work = 0;
        // Keep reading while Redis is away, up to a bound, so players still get their
        // MatchEnd; past the bound the agents' ring buffers hold the rest.
        if (pending.size() < MAX_PENDING) {
            for (TickLane lane : lanes) {
                currentLane = lane;
                work += lane.events().read(handler, READ_LIMIT);
            }
        }
        if (!pending.isEmpty() && System.nanoTime() >= retryAtNs) {
            if (appendPending()) {
                retryBackoffNs = MIN_RETRY_NS;
            } else {
                retryAtNs = System.nanoTime() + retryBackoffNs;
                retryBackoffNs = Math.min(retryBackoffNs * 2, MAX_RETRY_NS);
            }
        }
        return work;
    }

    /** True when nothing is waiting for Redis (for a draining server's last flush). */
    public boolean idle() {
        return pending.isEmpty();
    }

    private boolean appendPending() {
        if (!writer.append(pending)) {
            appendFailures.increment();
            return false;
        }
        for (StreamEntry entry : pending) {
            if (EventStreams.RESULTS.equals(entry.stream())) {
                resultsPublished.increment();
            } else {
                eventsPublished.increment();
            }
        }
        pending.clear();
        afterAppend.forEach(Runnable::run);
        afterAppend.clear();
        return true;
    }

    private void onRecord(int type, MutableDirectBuffer buffer, int index, int length) {
        record.wrap(type, buffer, index);
        MatchHandle handle = currentLane.table().handle(record.matchIndex(), record.generation());
        if (handle == null) {
            return;
        }
        MatchProgress match = progress.computeIfAbsent(handle.spec().matchId(), id -> new MatchProgress(handle));
        switch (type) {
            case EventDescriptor.MATCH_STARTED -> onStarted(match);
            case EventDescriptor.JOINED -> onPlayer(match, "join");
            case EventDescriptor.RECONNECTED -> onPlayer(match, "reconnect");
            case EventDescriptor.LEFT -> onPlayer(match, "leave");
            case EventDescriptor.SHOT -> onShot(match);
            case EventDescriptor.KILL -> onKill(match);
            case EventDescriptor.RESPAWN -> onRespawn(match);
            case EventDescriptor.MATCH_ENDED -> onEnded(match);
            default -> LOG.warn("unknown event record type={}", type);
        }
    }

    private void onStarted(MatchProgress match) {
        match.startedAtMs = clock.millis();
        match.startTick = record.tick();
        MatchSpec spec = match.handle.spec();
        long endsAtMs = match.startedAtMs + rules.timeLimitSeconds(spec.mode()) * 1000L;
        publish(doc(match, "match_start").field("players_count", spec.mode().players())
                .field("quality", spec.quality()));
        push(match, GameEvent.newBuilder().setMatchStarted(MatchStarted.newBuilder()
                .setStartedAtMs(match.startedAtMs).setEndsAtMs(endsAtMs)));
    }

    private void onPlayer(MatchProgress match, String type) {
        int slot = record.actor();
        MatchSpec spec = match.handle.spec();
        EventDoc doc = doc(match, type).field("player_id", spec.playerIds().get(slot))
                .field("team", spec.wireTeamOf(slot));
        GameEvent.Builder event = GameEvent.newBuilder();
        switch (type) {
            case "join" -> event.setPlayerJoined(PlayerJoined.newBuilder().setPlayer(PlayerInfo.newBuilder()
                    .setPlayerId(spec.playerIds().get(slot)).setEntityId(ViewBuilder.entityId(slot))
                    .setTeam(spec.wireTeamOf(slot))));
            case "reconnect" -> event.setPlayerReconnected(PlayerReconnected.newBuilder()
                    .setEntityId(ViewBuilder.entityId(slot)));
            default -> {
                doc.field("reason", leaveReason(record.value()));
                event.setPlayerLeft(PlayerLeft.newBuilder().setEntityId(ViewBuilder.entityId(slot))
                        .setLeftOnPurpose(record.value() == EventDescriptor.LEFT_ON_PURPOSE));
            }
        }
        publish(doc);
        push(match, event);
    }

    private static String leaveReason(int cause) {
        return switch (cause) {
            case EventDescriptor.LEFT_ON_PURPOSE -> "quit";
            case EventDescriptor.LEFT_TIMED_OUT -> "timed_out";
            case EventDescriptor.LEFT_NEVER_ARRIVED -> "never_arrived";
            default -> "unknown";
        };
    }

    private void onShot(MatchProgress match) {
        MatchSpec spec = match.handle.spec();
        EventDoc doc = doc(match, "shot").field("player_id", spec.playerIds().get(record.actor()))
                .field("hit", record.value() == 1).point("position", record.x(), record.y());
        if (record.other() >= 0) {
            doc.field("target_id", spec.playerIds().get(record.other()));
        }
        publish(doc);
    }

    private void onKill(MatchProgress match) {
        MatchSpec spec = match.handle.spec();
        String killer = spec.playerIds().get(record.actor());
        String victim = spec.playerIds().get(record.other());
        publish(doc(match, "kill").field("player_id", killer).field("target_id", victim)
                .point("position", record.x(), record.y()));
        publish(doc(match, "death").field("player_id", victim).field("target_id", killer)
                .point("position", record.x(), record.y()));
        push(match, GameEvent.newBuilder().setKill(Kill.newBuilder()
                .setKillerEntityId(ViewBuilder.entityId(record.actor()))
                .setVictimEntityId(ViewBuilder.entityId(record.other()))
                .setEliminated(record.value() == 1)));
    }

    private void onRespawn(MatchProgress match) {
        publish(doc(match, "respawn").field("player_id", match.handle.spec().playerIds().get(record.actor()))
                .point("position", record.x(), record.y()));
        push(match, GameEvent.newBuilder().setRespawn(Respawn.newBuilder()
                .setEntityId(ViewBuilder.entityId(record.actor()))
                .setPosition(Vec2.newBuilder().setXCm(Quantize.metresToCm(record.x()))
                        .setYCm(Quantize.metresToCm(record.y())))));
    }

    private void onEnded(MatchProgress match) {
        MatchSpec spec = match.handle.spec();
        EndReason reason = EndReason.values()[record.value()];
        int winner = record.extra() + 1;
        long endedAtMs = eventTime(match);
        long startedAtMs = match.startedAtMs == 0 ? endedAtMs : match.startedAtMs;
        int players = record.players();
        MatchResult.Builder result = MatchResult.newBuilder()
                .setMatchId(spec.matchId())
                .setMode(Modes.toWire(spec.mode()))
                .setStartedAtMs(startedAtMs)
                .setEndedAtMs(endedAtMs)
                .setWinnerTeam(winner)
                .setEndReason(Modes.toWire(reason));
        EventDoc doc = doc(match, "match_end").field("reason", reason.tag()).field("winner_team", winner)
                .field("duration_ms", endedAtMs - startedAtMs).field("players_count", players)
                .field("quality", spec.quality());
        doc.startObject("rejected_inputs");
        for (InputRejection rejection : InputRejection.values()) {
            long count = record.rejections(players, rejection.ordinal());
            doc.field(rejection.tag(), count);
            rejectedInputs.get(rejection).increment(count);
        }
        doc.endObject().startArray("players");
        for (int slot = 0; slot < players; slot++) {
            PlayerResult player = PlayerResult.newBuilder()
                    .setPlayerId(spec.playerIds().get(slot))
                    .setTeam(record.playerStat(slot, 0) + 1)
                    .setPlacement(record.playerStat(slot, 1))
                    .setKills(record.playerStat(slot, 2))
                    .setDeaths(record.playerStat(slot, 3))
                    .setDamage(record.playerStat(slot, 4))
                    .setShots(record.playerStat(slot, 5))
                    .setHits(record.playerStat(slot, 6))
                    .setDisconnected((record.playerStat(slot, 7) & 1) == 0)
                    .build();
            result.addPlayers(player);
            doc.startElement().field("player_id", player.getPlayerId()).field("team", player.getTeam())
                    .field("placement", player.getPlacement()).field("kills", player.getKills())
                    .field("deaths", player.getDeaths()).endObject();
        }
        doc.endArray();
        publish(doc);
        MatchResult finished = result.build();
        pending.add(new StreamEntry(EventStreams.RESULTS,
                EventStreams.resultFields(spec.matchId(), finished.toByteArray())));
        TickLane lane = currentLane;
        MatchHandle handle = match.handle;
        endSessions(handle, finished);
        afterAppend.add(() -> release(lane, handle));
        progress.remove(spec.matchId());
        LOG.info("match ended matchId={} mode={} reason={} winnerTeam={} durationMs={}", spec.matchId(),
                spec.mode().wireName(), reason.tag(), winner, endedAtMs - startedAtMs);
    }

    /** Tells the players at once (they never wait for Redis) and closes their connections. */
    private void endSessions(MatchHandle handle, MatchResult result) {
        MatchSessions sessions = directory.match(handle.spec().matchId());
        if (sessions == null) {
            return;
        }
        ServerMessage end = ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                .setMatchEnd(MatchEnd.newBuilder().setResult(result)).build();
        for (UdpConnection connection : sessions.end()) {
            if (connection != null) {
                directory.removeConnection(connection);
                connection.tcp().writeAndFlush(end).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    /**
     * Once the result is safely in Redis: forget the match and free its slot. Until then the
     * match still counts as hosted, so a draining server waits for its result to be written.
     */
    private void release(TickLane lane, MatchHandle handle) {
        directory.removeMatch(handle.spec().matchId());
        lane.table().release(handle.matchIndex(), handle.generation());
    }

    private EventDoc doc(MatchProgress match, String type) {
        MatchSpec spec = match.handle.spec();
        String eventId = spec.matchId() + ":" + match.nextEventNumber++;
        return EventDoc.start(eventId, type, eventTime(match), SERVICE)
                .field("match_id", spec.matchId())
                .field("mode", spec.mode().wireName())
                .field("region", spec.region())
                .field("server_id", serverId)
                .field("tick", record.tick());
    }

    /** Wall time of the current record: derived from the tick once the match has started. */
    private long eventTime(MatchProgress match) {
        if (match.startedAtMs == 0) {
            return clock.millis();
        }
        return match.startedAtMs + (record.tick() - match.startTick) * 1000L / tickRateHz;
    }

    private void publish(EventDoc doc) {
        pending.add(new StreamEntry(EventStreams.EVENTS, EventStreams.eventFields(doc)));
    }

    private void push(MatchProgress match, GameEvent.Builder event) {
        MatchSessions sessions = directory.match(match.handle.spec().matchId());
        if (sessions == null) {
            return;
        }
        ServerMessage message = ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                .setEvent(event.setTick((int) record.tick()).setServerTimeMs(eventTime(match))).build();
        for (UdpConnection connection : sessions.snapshotConnections()) {
            if (connection != null) {
                connection.tcp().writeAndFlush(message);
            }
        }
    }

    @Override
    public String roleName() {
        return "game-event-publisher";
    }
}
