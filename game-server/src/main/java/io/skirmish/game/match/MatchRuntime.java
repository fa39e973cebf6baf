package io.skirmish.game.match;

import io.skirmish.game.snapshot.SnapshotBaselines;
import io.skirmish.game.snapshot.SnapshotEncoder;
import io.skirmish.game.snapshot.SnapshotFrame;
import io.skirmish.game.snapshot.ViewBuilder;
import io.skirmish.game.tick.ResidenceStats;
import io.skirmish.game.world.ArenaRules;
import io.skirmish.game.world.EndReason;
import io.skirmish.game.world.InputRejection;
import io.skirmish.game.world.InputValidator;
import io.skirmish.game.world.PlayerInput;
import io.skirmish.game.world.World;
import io.skirmish.game.world.WorldEvents;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * One match as its tick agent runs it: the {@link World}, who is connected on which UDP
 * connection, the join window and reconnect grace period, per-player snapshot baselines, and
 * the translation of world events into records for the event publisher.
 *
 * <p>Built on the allocating thread, then owned by exactly one tick agent thread: every method
 * here runs on that thread and allocates nothing.
 */
public final class MatchRuntime implements WorldEvents {

    private static final int SNAPSHOT_BASELINES = 32;
    private static final InputRejection[] REJECTIONS = InputRejection.values();

    private final MatchSpec spec;
    private final int matchIndex;
    private final int generation;
    private final World world;
    private final InputValidator validator = new InputValidator();
    private final PlayerInput input = new PlayerInput();
    private final SnapshotFrame frame;
    private final SnapshotBaselines[] baselines;
    private final long[] connectionIds;
    private final long[] ackedTick;
    private final long[] disconnectedAt;
    private final boolean[] arrived;
    /** Per slot: when the earliest input not yet reflected in a snapshot was read, or {@code NO_INPUT}. */
    private final long[] pendingInputNs;
    private final long joinDeadlineTick;
    private final long graceTicks;
    private final RingBuffer events;
    private long eventsDropped;
    private long ticksWaited;

    public MatchRuntime(MatchSpec spec, int matchIndex, int generation, ArenaRules rules, int tickRateHz,
                        long joinWindowTicks, long graceTicks, RingBuffer events) {
        this.spec = spec;
        this.matchIndex = matchIndex;
        this.generation = generation;
        this.events = events;
        this.world = new World(spec.mode(), spec.players(), rules, tickRateHz, this, validator);
        int players = spec.players();
        this.frame = new SnapshotFrame(players);
        this.baselines = new SnapshotBaselines[players];
        for (int slot = 0; slot < players; slot++) {
            baselines[slot] = new SnapshotBaselines(SNAPSHOT_BASELINES, players);
        }
        this.connectionIds = new long[players];
        this.ackedTick = new long[players];
        this.disconnectedAt = new long[players];
        this.arrived = new boolean[players];
        this.pendingInputNs = new long[players];
        java.util.Arrays.fill(pendingInputNs, ResidenceStats.NO_INPUT);
        this.joinDeadlineTick = joinWindowTicks;
        this.graceTicks = graceTicks;
        java.util.Arrays.fill(disconnectedAt, -1);
    }

    public MatchSpec spec() {
        return spec;
    }

    public int matchIndex() {
        return matchIndex;
    }

    public int generation() {
        return generation;
    }

    public World world() {
        return world;
    }

    public InputValidator validator() {
        return validator;
    }

    public boolean ended() {
        return world.ended();
    }

    /** Events that did not fit in the publisher's ring buffer (a stalled publisher). */
    public long eventsDropped() {
        return eventsDropped;
    }

    // ---- inbound, from I/O threads through the ring buffer ----

    /** {@code receivedNs}: when the input's datagram was read (for {@link ResidenceStats}). */
    public void onInput(int slot, long sequence, long viewTick, float moveX, float moveY, float aim, boolean fire,
                        long receivedNs) {
        if (slot < 0 || slot >= arrived.length) {
            return;
        }
        // Before the start the world ignores inputs: no snapshot will reflect them.
        if (world.started() && (pendingInputNs[slot] == ResidenceStats.NO_INPUT || receivedNs < pendingInputNs[slot])) {
            pendingInputNs[slot] = receivedNs;
        }
        if (viewTick <= world.tick() && viewTick > ackedTick[slot]) {
            ackedTick[slot] = viewTick;
        }
        world.onInput(slot, input.set(sequence, moveX, moveY, aim, fire, viewTick));
    }

    public void onConnected(int slot, long connectionId) {
        if (slot < 0 || slot >= arrived.length) {
            return;
        }
        boolean reconnect = arrived[slot];
        connectionIds[slot] = connectionId;
        ackedTick[slot] = 0;
        pendingInputNs[slot] = ResidenceStats.NO_INPUT;
        baselines[slot].reset();
        world.restartInputSequence(slot);
        disconnectedAt[slot] = -1;
        if (!reconnect) {
            arrived[slot] = true;
            emitPlayer(EventDescriptor.JOINED, slot, 0);
            return;
        }
        if (world.started() && world.present(slot)) {
            world.onReconnected(slot);
            emitPlayer(EventDescriptor.RECONNECTED, slot, 0);
        }
    }

    public void onDisconnected(int slot) {
        if (slot < 0 || slot >= arrived.length || connectionIds[slot] == 0) {
            return;
        }
        connectionIds[slot] = 0;
        disconnectedAt[slot] = world.tick();
        if (world.started()) {
            world.onDisconnected(slot);
        }
    }

    public void onLeft(int slot) {
        if (slot < 0 || slot >= arrived.length) {
            return;
        }
        connectionIds[slot] = 0;
        disconnectedAt[slot] = -1;
        leave(slot, EventDescriptor.LEFT_ON_PURPOSE);
    }

    // ---- the tick ----

    /** Advances the match by one tick: the join window before start, the world after. */
    public void tick() {
        if (!world.started()) {
            ticksWaited++;
            if (allArrived() || ticksWaited >= joinDeadlineTick) {
                startWithThoseWhoArrived();
            }
            return;
        }
        world.step();
        expireGracePeriods();
    }

    /** Ends the match now (server stopping); a match still waiting for players starts and ends. */
    public void abort() {
        if (!world.started()) {
            startWithThoseWhoArrived();
        }
        world.abort();
    }

    private boolean allArrived() {
        for (boolean slotArrived : arrived) {
            if (!slotArrived) {
                return false;
            }
        }
        return true;
    }

    private void startWithThoseWhoArrived() {
        boolean[] present = arrived;
        world.start(present);
        for (int slot = 0; slot < present.length; slot++) {
            if (!present[slot]) {
                emitPlayer(EventDescriptor.LEFT, slot, EventDescriptor.LEFT_NEVER_ARRIVED);
            } else if (connectionIds[slot] == 0) {
                world.onDisconnected(slot);
            }
        }
    }

    private void expireGracePeriods() {
        for (int slot = 0; slot < disconnectedAt.length; slot++) {
            if (disconnectedAt[slot] >= 0 && world.tick() - disconnectedAt[slot] >= graceTicks) {
                disconnectedAt[slot] = -1;
                leave(slot, EventDescriptor.LEFT_TIMED_OUT);
            }
        }
    }

    private void leave(int slot, int cause) {
        if (world.started() && !world.present(slot)) {
            return;
        }
        if (!world.started()) {
            arrived[slot] = false;
        }
        emitPlayer(EventDescriptor.LEFT, slot, cause);
        world.onLeftForGood(slot);
    }

    /**
     * Encodes this tick's snapshot for every connected player and hands it to {@code sink}.
     * Returns the number of snapshots written.
     */
    public int publishSnapshots(SnapshotEncoder encoder, MutableDirectBuffer scratch, int payloadOffset,
                                SnapshotSink sink) {
        if (!world.started()) {
            return 0;
        }
        int sent = 0;
        for (int slot = 0; slot < connectionIds.length; slot++) {
            long connectionId = connectionIds[slot];
            if (connectionId == 0) {
                continue;
            }
            ViewBuilder.build(world, slot, frame);
            SnapshotFrame baseline = baselines[slot].find(ackedTick[slot]);
            int length = encoder.encode(scratch, payloadOffset, frame, baseline, world.lastSequence(slot));
            if (sink.onSnapshot(connectionId, pendingInputNs[slot], scratch, payloadOffset, length)) {
                sent++;
            }
            pendingInputNs[slot] = ResidenceStats.NO_INPUT;
            baselines[slot].store(frame);
        }
        return sent;
    }

    /**
     * Receives encoded snapshots; the tick thread calls it, it must copy before returning.
     * {@code inputReceivedNs}: when the earliest input this snapshot newly reflects was read, or
     * {@link ResidenceStats#NO_INPUT}.
     */
    @FunctionalInterface
    public interface SnapshotSink {
        boolean onSnapshot(long connectionId, long inputReceivedNs, MutableDirectBuffer buffer, int offset, int length);
    }

    // ---- world events, translated into publisher records ----

    @Override
    public void onMatchStarted(long tick) {
        emit(EventDescriptor.MATCH_STARTED, tick, -1, -1, 0f, 0f, 0, 0);
    }

    @Override
    public void onShot(long tick, int shooter, int target, float x, float y, float aimRadians) {
        emit(EventDescriptor.SHOT, tick, shooter, target, x, y, target >= 0 ? 1 : 0, 0);
    }

    @Override
    public void onKill(long tick, int killer, int victim, float x, float y) {
        emit(EventDescriptor.KILL, tick, killer, victim, x, y, world.mode().respawns() ? 0 : 1, 0);
    }

    @Override
    public void onRespawn(long tick, int player, float x, float y) {
        emit(EventDescriptor.RESPAWN, tick, player, -1, x, y, 0, 0);
    }

    @Override
    public void onMatchEnded(long tick, EndReason reason, int winningTeam) {
        int players = world.players();
        int length = EventDescriptor.matchEndLength(players, REJECTIONS.length);
        int index = events.tryClaim(EventDescriptor.MATCH_ENDED, length);
        if (index <= 0) {
            eventsDropped++;
            return;
        }
        MutableDirectBuffer buffer = events.buffer();
        writeHeader(buffer, index, tick, -1, -1, 0f, 0f, reason.ordinal(), winningTeam);
        buffer.putInt(index + EventDescriptor.PLAYERS_OFFSET, players);
        int offset = index + EventDescriptor.PLAYER_STATS_OFFSET;
        for (int slot = 0; slot < players; slot++) {
            buffer.putInt(offset, world.team(slot));
            buffer.putInt(offset + 4, world.placement(slot));
            buffer.putInt(offset + 8, world.kills(slot));
            buffer.putInt(offset + 12, world.deaths(slot));
            buffer.putInt(offset + 16, world.damageDealt(slot));
            buffer.putInt(offset + 20, world.shots(slot));
            buffer.putInt(offset + 24, world.hits(slot));
            buffer.putInt(offset + 28, (world.present(slot) ? 1 : 0) | (connectionIds[slot] != 0 ? 2 : 0)
                    | (arrived[slot] ? 4 : 0));
            offset += EventDescriptor.INTS_PER_PLAYER * Integer.BYTES;
        }
        for (InputRejection rejection : REJECTIONS) {
            buffer.putLong(offset, validator.rejections(rejection));
            offset += Long.BYTES;
        }
        events.commit(index);
    }

    private void emitPlayer(int type, int slot, int value) {
        emit(type, world.tick(), slot, -1, world.x(slot), world.y(slot), value, spec.teamOf(slot));
    }

    private void emit(int type, long tick, int a, int b, float x, float y, int value, int extra) {
        int index = events.tryClaim(type, EventDescriptor.BASE_LENGTH);
        if (index <= 0) {
            eventsDropped++;
            return;
        }
        writeHeader(events.buffer(), index, tick, a, b, x, y, value, extra);
        events.commit(index);
    }

    private void writeHeader(MutableDirectBuffer buffer, int index, long tick, int a, int b, float x, float y,
                             int value, int extra) {
        buffer.putInt(index + EventDescriptor.MATCH_INDEX_OFFSET, matchIndex);
        buffer.putInt(index + EventDescriptor.GENERATION_OFFSET, generation);
        buffer.putLong(index + EventDescriptor.TICK_OFFSET, tick);
        buffer.putInt(index + EventDescriptor.A_OFFSET, a);
        buffer.putInt(index + EventDescriptor.B_OFFSET, b);
        buffer.putFloat(index + EventDescriptor.X_OFFSET, x);
        buffer.putFloat(index + EventDescriptor.Y_OFFSET, y);
        buffer.putInt(index + EventDescriptor.VALUE_OFFSET, value);
        buffer.putInt(index + EventDescriptor.EXTRA_OFFSET, extra);
    }
}
