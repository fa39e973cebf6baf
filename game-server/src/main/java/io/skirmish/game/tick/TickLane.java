package io.skirmish.game.tick;

import java.nio.ByteBuffer;

import io.skirmish.game.match.MatchRuntime;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.world.ArenaRules;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * One tick agent with everything around it: its inbound ring buffer (many I/O threads to the
 * agent), its snapshot ring buffer (agent to network), its event ring buffer (agent to the event
 * publisher), its match table and its statistics (the tick's own, and where inputs spend their time). The server runs one lane per core; tests
 * build a lane and drive its agent with their own clock.
 */
public final class TickLane {

    private final int id;
    private final TickConfig config;
    private final ArenaRules rules;
    private final RingBuffer inbound;
    private final RingBuffer snapshots;
    private final RingBuffer events;
    private final MatchTable table;
    private final TickStats stats = new TickStats();
    private final ResidenceStats residence = new ResidenceStats();
    private final MatchAgent agent;

    public TickLane(int id, TickConfig config, ArenaRules rules, NanoClock clock, Runnable onSnapshotsReady) {
        this.id = id;
        this.config = config;
        this.rules = rules;
        this.inbound = new ManyToOneRingBuffer(ringMemory(config.inboundBufferBytes()));
        this.snapshots = new OneToOneRingBuffer(ringMemory(config.snapshotBufferBytes()));
        this.events = new OneToOneRingBuffer(ringMemory(config.eventBufferBytes()));
        this.table = new MatchTable(id, config.matchesPerAgent(), new InboundPublisher(inbound));
        PhasedTickSchedule schedule = PhasedTickSchedule.atRate(config.tickRateHz(), config.tickPhases(),
                config.maxCatchUpTicks(), clock.nanoTime());
        this.agent = new MatchAgent("tick-" + id, clock, schedule, inbound, snapshots, table, stats,
                residence, onSnapshotsReady, drainLimit(config));
    }

    private static UnsafeBuffer ringMemory(int capacity) {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH));
    }

    /** Enough to drain a full tick's worth of inputs for a full agent in one go, bounded. */
    private static int drainLimit(TickConfig config) {
        return Math.min(1 << 16, config.matchesPerAgent() * 8 * 4);
    }

    /** Allocation thread: starts hosting {@code spec}; null when this lane is full. */
    public MatchHandle host(MatchSpec spec) {
        return table.reserve(spec, (index, generation) -> new MatchRuntime(spec, index, generation, rules,
                config.tickRateHz(), config.ticks(config.joinWindow()), config.ticks(config.reconnectGrace()), events));
    }

    public int id() {
        return id;
    }

    public MatchAgent agent() {
        return agent;
    }

    public MatchTable table() {
        return table;
    }

    public TickStats stats() {
        return stats;
    }

    /** Written by the tick agent and the lane's snapshot sender, read by the metrics thread. */
    public ResidenceStats residence() {
        return residence;
    }

    /** Read by the network's snapshot sender. */
    public RingBuffer snapshots() {
        return snapshots;
    }

    /** Read by the event publisher. */
    public RingBuffer events() {
        return events;
    }

    public TickConfig config() {
        return config;
    }
}
