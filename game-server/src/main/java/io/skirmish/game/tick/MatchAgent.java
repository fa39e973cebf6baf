package io.skirmish.game.tick;

import io.skirmish.game.match.MatchRuntime;
import io.skirmish.game.snapshot.SnapshotEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Runs a set of matches at a fixed tick rate on one thread (under an Agrona
 * {@code AgentRunner}). Each match ticks in one phase of the tick period
 * ({@link PhasedTickSchedule}, {@link PhaseRoster}): the phases are spread evenly over the period,
 * so the agent's work and the snapshots it hands to the network come in small, even portions
 * rather than one burst per period. Each duty cycle: adopt newly allocated matches (into the
 * lightest phase), drain inputs and connection events from I/O threads (bounded), and when the
 * next phase is due, step its matches, encode their connected players' snapshots and hand them
 * to the network, then measure how long that took.
 *
 * <p>The duty cycle takes no lock, does no I/O or logging and allocates nothing once its
 * matches exist: inputs arrive as flyweights in a ring buffer, snapshots leave the same way,
 * and statistics go to single-writer recorders.
 */
public final class MatchAgent implements Agent {

    /**
     * Outbound message type: a snapshot payload, prefixed by the connection id (long) and by when
     * the earliest input it newly reflects was read (long, ns, or {@link ResidenceStats#NO_INPUT}).
     */
    public static final int SNAPSHOT_MESSAGE = 1;
    public static final int CONNECTION_ID_OFFSET = 0;
    public static final int INPUT_RECEIVED_OFFSET = Long.BYTES;
    public static final int SNAPSHOT_HEADER_LENGTH = 2 * Long.BYTES;
    /**
     * Outbound message type: the start of one tick's snapshots, carrying when they were made
     * (long, this agent's clock in ns), so the network can skip a tick it reaches too late, then
     * when that phase's tick started (long, ns), for {@link ResidenceStats}.
     */
    public static final int TICK_MESSAGE = 2;
    public static final int TICK_MADE_OFFSET = 0;
    public static final int TICK_STARTED_OFFSET = Long.BYTES;
    public static final int TICK_LENGTH = 2 * Long.BYTES;

    private final String roleName;
    private final NanoClock clock;
    private final PhasedTickSchedule schedule;
    private final RingBuffer inbound;
    private final RingBuffer snapshotsOut;
    private final MatchTable table;
    private final TickStats stats;
    private final ResidenceStats residence;
    private final Runnable onSnapshotsReady;
    private final int drainLimit;
    /** By match index, for routing inbound messages. */
    private final MatchRuntime[] matches;
    /** The same matches by tick phase, for running them. */
    private final PhaseRoster<MatchRuntime> roster;
    private final int[] phasePlayers;
    private final long[] phaseEventsDropped;
    /** Work done so far in the current tick period, over its phases. */
    private long periodBusyNs;
    private final SnapshotEncoder encoder = new SnapshotEncoder();
    private final MutableDirectBuffer scratch = new UnsafeBuffer(new byte[2048]);
    private final MutableDirectBuffer tickMarker = new UnsafeBuffer(new byte[TICK_LENGTH]);
    private final MatchRuntime.SnapshotSink snapshotSink = this::onSnapshot;
    private final org.agrona.concurrent.MessageHandler inboundHandler = this::onInbound;
    /** When the phase being run started, on {@link #clock}. */
    private long phaseStartNs;
    private long snapshotsSent;
    private long snapshotsDropped;
    private int inputsThisCycle;
    private volatile boolean abortRequested;
    private long retiredEventsDropped;

    public MatchAgent(String roleName, NanoClock clock, PhasedTickSchedule schedule, RingBuffer inbound,
                      RingBuffer snapshotsOut, MatchTable table, TickStats stats, ResidenceStats residence,
                      Runnable onSnapshotsReady, int drainLimit) {
        this.roleName = roleName;
        this.clock = clock;
        this.schedule = schedule;
        this.inbound = inbound;
        this.snapshotsOut = snapshotsOut;
        this.table = table;
        this.stats = stats;
        this.residence = residence;
        this.onSnapshotsReady = onSnapshotsReady;
        this.drainLimit = drainLimit;
        this.matches = new MatchRuntime[table.capacity()];
        this.roster = new PhaseRoster<>(schedule.phaseCount());
        this.phasePlayers = new int[schedule.phaseCount()];
        this.phaseEventsDropped = new long[schedule.phaseCount()];
    }

    @Override
    public int doWork() {
        int work = adoptNewMatches();
        inputsThisCycle = 0;
        work += inbound.read(inboundHandler, drainLimit);
        stats.inputs(inputsThisCycle);
        long startNs = clock.nanoTime();
        // One phase per duty cycle: inputs that arrived meanwhile are drained before the next one.
        int phase = schedule.nextPhase();
        int due = schedule.ticksDue(startNs);
        if (due == 0) {
            return work;
        }
        runPhase(phase, due, startNs);
        return work + due;
    }

    private void runPhase(int phase, int due, long startNs) {
        TickSchedule phaseSchedule = schedule.phase(phase);
        phaseStartNs = startNs;
        stats.recordLateness(phaseSchedule.lastLatenessNs());
        abortIfRequested();
        for (int i = 0; i < due; i++) {
            stepPhase(phase);
        }
        publishSnapshots(phase, clock.nanoTime());
        long endNs = clock.nanoTime();
        // The tick duration stays "the agent's work for one tick of every match": the phases of a period, summed.
        periodBusyNs += endNs - startNs;
        if (phase == schedule.phaseCount() - 1) {
            stats.recordTick(periodBusyNs);
            periodBusyNs = 0;
        }
        if (endNs > phaseSchedule.nextTickNs()) {
            stats.overrun();
        }
        stats.skipped(schedule.ticksSkipped());
        if (snapshotsSent > 0) {
            onSnapshotsReady.run();
        }
    }

    private int adoptNewMatches() {
        int adopted = 0;
        MatchRuntime runtime;
        while ((runtime = table.pollAdopted()) != null) {
            matches[runtime.matchIndex()] = runtime;
            roster.add(runtime, runtime.spec().players());
            adopted++;
        }
        return adopted;
    }

    private void onInbound(int type, MutableDirectBuffer buffer, int index, int length) {
        MatchRuntime match = matchFor(buffer, index);
        if (match == null) {
            stats.staleMessage();
            return;
        }
        int slot = buffer.getInt(index + InboundDescriptor.SLOT_OFFSET);
        switch (type) {
            case InboundDescriptor.INPUT -> {
                inputsThisCycle++;
                match.onInput(slot,
                        buffer.getLong(index + InboundDescriptor.SEQUENCE_OFFSET),
                        buffer.getLong(index + InboundDescriptor.VIEW_TICK_OFFSET),
                        buffer.getFloat(index + InboundDescriptor.MOVE_X_OFFSET),
                        buffer.getFloat(index + InboundDescriptor.MOVE_Y_OFFSET),
                        buffer.getFloat(index + InboundDescriptor.AIM_OFFSET),
                        (buffer.getInt(index + InboundDescriptor.FLAGS_OFFSET) & InboundDescriptor.FLAG_FIRE) != 0,
                        buffer.getLong(index + InboundDescriptor.RECEIVED_NS_OFFSET));
            }
            case InboundDescriptor.CONNECTED ->
                    match.onConnected(slot, buffer.getLong(index + InboundDescriptor.CONNECTION_ID_OFFSET));
            case InboundDescriptor.DISCONNECTED -> match.onDisconnected(slot);
            case InboundDescriptor.LEFT -> match.onLeft(slot);
            default -> stats.staleMessage();
        }
    }

    private MatchRuntime matchFor(DirectBuffer buffer, int index) {
        int matchIndex = buffer.getInt(index + InboundDescriptor.MATCH_INDEX_OFFSET);
        if (matchIndex < 0 || matchIndex >= matches.length) {
            return null;
        }
        MatchRuntime match = matches[matchIndex];
        if (match == null || match.generation() != buffer.getInt(index + InboundDescriptor.GENERATION_OFFSET)) {
            return null;
        }
        return match;
    }

    private void stepPhase(int phase) {
        int players = 0;
        long eventsDropped = 0;
        for (int i = 0; i < roster.size(phase); ) {
            MatchRuntime match = roster.member(phase, i);
            match.tick();
            if (match.ended()) {
                // The publisher releases the index once it has published the end.
                retiredEventsDropped += match.eventsDropped();
                matches[match.matchIndex()] = null;
                roster.removeAt(phase, i);
                continue;
            }
            eventsDropped += match.eventsDropped();
            players += match.world().players();
            i++;
        }
        phasePlayers[phase] = players;
        phaseEventsDropped[phase] = eventsDropped;
        int liveMatches = 0;
        int allPlayers = 0;
        long allEventsDropped = retiredEventsDropped;
        for (int p = 0; p < phasePlayers.length; p++) {
            liveMatches += roster.size(p);
            allPlayers += phasePlayers[p];
            allEventsDropped += phaseEventsDropped[p];
        }
        stats.load(liveMatches, allPlayers);
        stats.eventsDropped(allEventsDropped);
    }

    private void publishSnapshots(int phase, long nowNs) {
        snapshotsSent = 0;
        snapshotsDropped = 0;
        // If this does not fit, neither will the snapshots: they are counted as dropped below.
        tickMarker.putLong(TICK_MADE_OFFSET, nowNs);
        tickMarker.putLong(TICK_STARTED_OFFSET, phaseStartNs);
        snapshotsOut.write(TICK_MESSAGE, tickMarker, 0, TICK_LENGTH);
        for (int i = 0; i < roster.size(phase); i++) {
            roster.member(phase, i).publishSnapshots(encoder, scratch, SNAPSHOT_HEADER_LENGTH, snapshotSink);
        }
        stats.snapshots(snapshotsSent, snapshotsDropped);
    }

    private boolean onSnapshot(long connectionId, long inputReceivedNs, MutableDirectBuffer buffer, int offset,
                               int length) {
        if (inputReceivedNs != ResidenceStats.NO_INPUT) {
            residence.record(ResidenceStats.Stage.INPUT_TO_TICK, inputReceivedNs, phaseStartNs);
        }
        int header = offset - SNAPSHOT_HEADER_LENGTH;
        buffer.putLong(header + CONNECTION_ID_OFFSET, connectionId);
        buffer.putLong(header + INPUT_RECEIVED_OFFSET, inputReceivedNs);
        if (snapshotsOut.write(SNAPSHOT_MESSAGE, buffer, header, length + SNAPSHOT_HEADER_LENGTH)) {
            snapshotsSent++;
            return true;
        }
        snapshotsDropped++;
        return false;
    }

    /**
     * Asks the agent to end every match at its next tick, for a server stopping past its drain
     * deadline. Any thread; the agent acts on it on its own thread.
     */
    public void requestAbort() {
        abortRequested = true;
    }

    private void abortIfRequested() {
        if (!abortRequested) {
            return;
        }
        for (MatchRuntime match : matches) {
            if (match != null) {
                match.abort();
            }
        }
    }

    public PhasedTickSchedule schedule() {
        return schedule;
    }

    @Override
    public String roleName() {
        return roleName;
    }
}
