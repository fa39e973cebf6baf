package io.skirmish.game.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.game.match.EventDescriptor;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.tick.MatchHandle;
import io.skirmish.game.tick.TickLane;
import io.skirmish.game.world.ArenaRules;
import io.skirmish.game.world.EndReason;
import io.skirmish.protocol.game.v1.MatchResult;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the event records of every tick agent into what the rest of the system sees, one stage
 * per output:
 *
 * <pre>
 *   tick agents' event rings ─► decode (this agent) ─┬─► EventDocStage   ─┐ skirmish:events
 *                                                   ├─► ResultStage     ─┴─► StreamAppender ─► Redis
 *                                                   └─► PlayerPushStage ──► players' TCP (GameEvent, MatchEnd)
 * </pre>
 *
 * <p>Runs on its own thread so that a slow or absent Redis never stalls a tick. Entries Redis
 * refuses are kept, in order, and retried with backoff ({@link StreamAppender}); up to a bound the
 * publisher keeps reading (so players still get their MatchEnd), beyond it the agents' ring
 * buffers hold the backlog, and only when those are full too are events dropped and counted
 * ({@code game.events.dropped}). A match's slot is released only after its result was appended.
 * Event ids are {@code <matchId>:<n>}, so a retried batch is deduplicated downstream. A stored
 * result is checked again once Redis had time to make it durable, and appended again if Redis
 * lost it ({@link ResultRetention}; the ranking-server applies a match id once).
 *
 * <p>Both clocks are injected: the epoch clock dates a match's start (later events are dated by
 * their tick), the nano clock paces the retries.
 */
public final class MatchEventPublisher implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(MatchEventPublisher.class);
    private static final int READ_LIMIT = 1_024;
    /** Entries held for Redis before the publisher stops reading (about 50 MB of small documents). */
    static final int MAX_PENDING = 100_000;

    private final List<TickLane> lanes;
    private final int tickRateHz;
    private final ArenaRules rules;
    private final EpochClock epochClock;
    private final PlayerChannels channels;
    private final StreamAppender appender;
    private final EventDocStage docs;
    private final ResultStage results;
    private final PlayerPushStage pushes;
    private final ResultRetention retention;
    private final Map<String, MatchProgress> progress = new HashMap<>();
    private final EventRecord record = new EventRecord();
    private final Consumer<String> resultStored;
    private final MessageHandler handler;
    private TickLane currentLane;

    public MatchEventPublisher(List<TickLane> lanes, PlayerChannels channels, StreamWriter writer, String serverId,
                               int tickRateHz, ArenaRules rules, EpochClock epochClock, NanoClock nanoClock,
                               MeterRegistry registry) {
        this(lanes, channels, writer, serverId, tickRateHz, rules, epochClock, nanoClock, registry, matchId -> { });
    }

    /**
     * @param resultStored called with a match id once its result is in Redis, and again each time a
     *                     result Redis lost is stored again (publisher thread):
     *                     the game server then tells the match-servers the match ended, so that
     *                     losing this server later never aborts it
     */
    public MatchEventPublisher(List<TickLane> lanes, PlayerChannels channels, StreamWriter writer, String serverId,
                               int tickRateHz, ArenaRules rules, EpochClock epochClock, NanoClock nanoClock,
                               MeterRegistry registry, Consumer<String> resultStored) {
        this.resultStored = resultStored;
        this.lanes = List.copyOf(lanes);
        this.tickRateHz = tickRateHz;
        this.rules = rules;
        this.epochClock = epochClock;
        this.channels = channels;
        this.appender = new StreamAppender(writer, nanoClock, registry);
        this.docs = new EventDocStage(appender, serverId, registry);
        this.results = new ResultStage(appender);
        this.retention = new ResultRetention(writer, nanoClock, registry);
        this.pushes = new PlayerPushStage(channels);
        this.handler = this::onRecord;
    }

    @Override
    public int doWork() {
        int work = 0;
        // Keep reading while Redis is away, up to a bound, so players still get their
        // MatchEnd; past the bound the agents' ring buffers hold the rest.
        if (appender.pendingCount() < MAX_PENDING) {
            for (TickLane lane : lanes) {
                currentLane = lane;
                work += lane.events().read(handler, READ_LIMIT);
            }
        }
        for (MatchResult lost : retention.lost()) {
            results.publish(lost, entryId -> stored(lost, entryId));
            work++;
        }
        appender.appendIfDue();
        return work;
    }

    /** The result is in Redis: keep it until it is durable, and tell the match-servers the match ended. */
    private void stored(MatchResult result, String entryId) {
        retention.stored(result, entryId);
        resultStored.accept(result.getMatchId());
    }

    /** Stored results not yet confirmed durable (for tests). */
    int unconfirmedResults() {
        return retention.size();
    }

    /** True when nothing is waiting for Redis (for a draining server's last flush). */
    public boolean idle() {
        return appender.pendingCount() == 0;
    }

    private void onRecord(int type, MutableDirectBuffer buffer, int index, int length) {
        record.wrap(type, buffer, index);
        MatchHandle handle = currentLane.table().handle(record.matchIndex(), record.generation());
        if (handle == null) {
            return;
        }
        MatchProgress match = progress.computeIfAbsent(handle.spec().matchId(), id -> new MatchProgress(handle));
        if (type == EventDescriptor.MATCH_STARTED) {
            match.start(epochClock.time(), record.tick());
        }
        long atMs = eventTime(match);
        switch (type) {
            case EventDescriptor.MATCH_STARTED -> {
                docs.started(match, record, atMs);
                pushes.started(match, record, atMs + rules.timeLimitSeconds(match.spec().mode()) * 1000L);
            }
            case EventDescriptor.JOINED -> {
                docs.player(match, record, "join", atMs);
                pushes.joined(match, record, atMs);
            }
            case EventDescriptor.RECONNECTED -> {
                docs.player(match, record, "reconnect", atMs);
                pushes.reconnected(match, record, atMs);
            }
            case EventDescriptor.LEFT -> {
                docs.player(match, record, "leave", atMs);
                pushes.left(match, record, atMs);
            }
            case EventDescriptor.SHOT -> docs.shot(match, record, atMs);
            case EventDescriptor.KILL -> {
                docs.kill(match, record, atMs);
                pushes.kill(match, record, atMs);
            }
            case EventDescriptor.RESPAWN -> {
                docs.respawn(match, record, atMs);
                pushes.respawn(match, record, atMs);
            }
            case EventDescriptor.MATCH_ENDED -> onEnded(match, atMs);
            default -> LOG.warn("unknown event record type={}", type);
        }
    }

    private void onEnded(MatchProgress match, long endedAtMs) {
        MatchSpec spec = match.spec();
        EndReason reason = EndReason.values()[record.value()];
        long startedAtMs = match.started() ? match.startedAtMs() : endedAtMs;
        MatchResult result = ResultStage.result(spec, record, startedAtMs, endedAtMs);
        docs.ended(match, record, result, reason);
        TickLane lane = currentLane;
        MatchHandle handle = match.handle();
        results.publish(result, entryId -> {
            stored(result, entryId);
            release(lane, handle);
        });
        pushes.ended(result);
        progress.remove(spec.matchId());
        LOG.info("match ended matchId={} mode={} reason={} winnerTeam={} durationMs={}", spec.matchId(),
                spec.mode().wireName(), reason.tag(), result.getWinnerTeam(), endedAtMs - startedAtMs);
    }

    /**
     * Once the result is safely in Redis: forget the match and free its slot. Until then the
     * match still counts as hosted, so a draining server waits for its result to be written.
     */
    private void release(TickLane lane, MatchHandle handle) {
        channels.forget(handle.spec().matchId());
        lane.table().release(handle.matchIndex(), handle.generation());
    }

    /**
     * Wall time of the current record: derived from the tick once the match has started (a jump of
     * the wall clock does not move it), but never later than now. The tick's time counts from when
     * this thread read the start, which under CPU load can be late by a good part of a second;
     * without the cap a record read promptly afterwards was dated in the future, e.g. a match's
     * end after the moment its players were told and had joined their next match (the reliability
     * count took such a player for one in two matches at once).
     */
    private long eventTime(MatchProgress match) {
        long now = epochClock.time();
        return match.started() ? Math.min(match.tickTimeMs(record.tick(), tickRateHz), now) : now;
    }

    @Override
    public String roleName() {
        return "game-event-publisher";
    }
}
