package io.skirmish.game.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.skirmish.game.match.EventDescriptor;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.world.ArenaRules;
import io.skirmish.game.world.EndReason;
import io.skirmish.game.world.MatchMode;
import io.skirmish.protocol.game.v1.Snapshot;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

class MatchAgentTest {

    private static final int HZ = 30;
    private final CachedNanoClock clock = new CachedNanoClock();
    private final TickConfig config = new TickConfig(HZ, 4, 16, 1 << 16, 1 << 20, 1 << 20,
            Duration.ofSeconds(2), Duration.ofSeconds(1), 1);
    private final TickLane lane = new TickLane(0, config, ArenaRules.standard(), clock, () -> { });
    private final long interval = lane.agent().schedule().intervalNs();

    private MatchHandle duel(String id) {
        return lane.host(new MatchSpec(id, MatchMode.DUEL, "eu", List.of(id + "-a", id + "-b"), 0.9, 0));
    }

    private void tick() {
        clock.advance(interval);
        lane.agent().doWork();
    }

    /** Moves the clock to {@code on}'s next phase due time and runs that phase. */
    private void runNextPhase(TickLane on) {
        clock.update(Math.max(clock.nanoTime(), on.agent().schedule().nextDueNs()));
        on.agent().doWork();
    }

    private static List<Long> snapshotConnections(TickLane on) {
        List<Long> connections = new ArrayList<>();
        on.snapshots().read((type, buffer, index, length) -> {
            if (type == MatchAgent.SNAPSHOT_MESSAGE) {
                connections.add(buffer.getLong(index));
            }
        });
        return connections;
    }

    private void ticks(int count) {
        for (int i = 0; i < count; i++) {
            tick();
        }
    }

    private List<Integer> eventTypes() {
        List<Integer> types = new ArrayList<>();
        lane.events().read((type, buffer, index, length) -> types.add(type));
        return types;
    }

    private List<Long> snapshotConnections(List<Snapshot> parsed) {
        List<Long> connections = new ArrayList<>();
        lane.snapshots().read((type, buffer, index, length) -> {
            if (type != MatchAgent.SNAPSHOT_MESSAGE) {
                return;
            }
            connections.add(buffer.getLong(index));
            byte[] payload = new byte[length - MatchAgent.SNAPSHOT_HEADER_LENGTH];
            buffer.getBytes(index + MatchAgent.SNAPSHOT_HEADER_LENGTH, payload);
            try {
                parsed.add(Snapshot.parseFrom(payload));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return connections;
    }

    @Test
    void matchStartsWhenEveryoneConnectedAndSnapshotsFlowToEachConnection() {
        MatchHandle match = duel("m1");
        lane.agent().doWork();
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 101);
        match.connectionEvent(InboundDescriptor.CONNECTED, 1, 202);

        tick();

        assertThat(eventTypes()).containsExactly(EventDescriptor.JOINED, EventDescriptor.JOINED,
                EventDescriptor.MATCH_STARTED);
        List<Snapshot> parsed = new ArrayList<>();
        assertThat(snapshotConnections(parsed)).containsExactly(101L, 202L);
        assertThat(parsed.get(0).getEntitiesList()).isNotEmpty();
        assertThat(lane.stats().matches()).isEqualTo(1);
    }

    @Test
    void acknowledgedSnapshotsTurnIntoDeltas() {
        MatchHandle match = duel("m2");
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 1);
        match.connectionEvent(InboundDescriptor.CONNECTED, 1, 2);
        ticks(3);
        snapshotConnections(new ArrayList<>());
        long seen = 3;

        match.input(0, 1, seen, 0f, 0f, 0f, false, clock.nanoTime());
        tick();

        List<Snapshot> parsed = new ArrayList<>();
        snapshotConnections(parsed);
        assertThat(parsed.get(0).getBaselineTick()).isEqualTo(seen);
        assertThat(parsed.get(0).getEntitiesList()).isEmpty();
        assertThat(parsed.get(0).getLastProcessedInputSequence()).isEqualTo(1);
        assertThat(parsed.get(1).getBaselineTick()).isZero();
    }

    @Test
    void matchStartsWithoutAbsentPlayersAfterTheJoinWindowAndTheySideForfeits() {
        MatchHandle match = duel("m3");
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 1);

        ticks((int) config.ticks(config.joinWindow()) + 1);

        List<Integer> types = eventTypes();
        assertThat(types).contains(EventDescriptor.LEFT, EventDescriptor.MATCH_STARTED, EventDescriptor.MATCH_ENDED);
        assertThat(lane.stats().matches()).isZero();
    }

    @Test
    void aDroppedPlayerWhoDoesNotComeBackWithinGraceLeavesAndTheMatchEnds() {
        MatchHandle match = duel("m4");
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 1);
        match.connectionEvent(InboundDescriptor.CONNECTED, 1, 2);
        ticks(2);
        eventTypes();

        match.connectionEvent(InboundDescriptor.DISCONNECTED, 1, 2);
        ticks((int) config.ticks(config.reconnectGrace()) + 1);

        assertThat(eventTypes()).containsExactly(EventDescriptor.LEFT, EventDescriptor.MATCH_ENDED);
    }

    @Test
    void aPlayerWhoReconnectsWithinGraceResumes() {
        MatchHandle match = duel("m5");
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 1);
        match.connectionEvent(InboundDescriptor.CONNECTED, 1, 2);
        ticks(2);
        eventTypes();

        match.connectionEvent(InboundDescriptor.DISCONNECTED, 1, 2);
        ticks(5);
        snapshotConnections(new ArrayList<>());
        match.connectionEvent(InboundDescriptor.CONNECTED, 1, 3);
        ticks((int) config.ticks(config.reconnectGrace()) + 1);

        assertThat(eventTypes()).containsExactly(EventDescriptor.RECONNECTED);
        List<Long> connections = snapshotConnections(new ArrayList<>());
        assertThat(connections).contains(3L).doesNotContain(2L);
    }

    @Test
    void killEndsTheDuelWithPerPlayerStatsInTheEndRecord() {
        MatchHandle match = duel("m6");
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 1);
        match.connectionEvent(InboundDescriptor.CONNECTED, 1, 2);
        ticks(2);
        for (int sequence = 1; sequence < 60; sequence++) {
            match.input(0, sequence, 0, 0f, 0f, 0f, true, clock.nanoTime());
            tick();
        }

        List<int[]> ends = new ArrayList<>();
        lane.events().read((type, buffer, index, length) -> {
            if (type == EventDescriptor.MATCH_ENDED) {
                int stats = index + EventDescriptor.PLAYER_STATS_OFFSET;
                ends.add(new int[] {buffer.getInt(index + EventDescriptor.VALUE_OFFSET),
                        buffer.getInt(index + EventDescriptor.EXTRA_OFFSET),
                        buffer.getInt(index + EventDescriptor.PLAYERS_OFFSET),
                        buffer.getInt(stats + 8), buffer.getInt(stats + 4)});
            }
        });
        assertThat(ends).hasSize(1);
        assertThat(ends.get(0)).containsExactly(EndReason.ELIMINATION.ordinal(), 0, 2, 1, 1);
    }

    @Test
    void messagesForAnEndedMatchAreCountedAndIgnored() {
        MatchHandle match = duel("m7");
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 1);
        ticks((int) config.ticks(config.joinWindow()) + 2);
        lane.table().release(match.matchIndex(), match.generation());
        MatchHandle reused = duel("m8");
        assertThat(reused.matchIndex()).isEqualTo(match.matchIndex());

        match.input(0, 1, 0, 1f, 0f, 0f, false, clock.nanoTime());
        tick();

        assertThat(lane.stats().staleMessages()).isEqualTo(1);
    }

    @Test
    void fallingBehindCatchesUpTheOwedTicksInOneCycle() {
        duel("m9");
        tick();
        long catchUpsBefore = lane.agent().schedule().phase(0).catchUps();
        long ticksBefore = lane.agent().schedule().phase(0).ticksRun();

        clock.advance(3 * interval);
        lane.agent().doWork();

        assertThat(lane.agent().schedule().phase(0).catchUps()).isEqualTo(catchUpsBefore + 1);
        assertThat(lane.agent().schedule().phase(0).ticksRun()).isEqualTo(ticksBefore + 3);
        assertThat(lane.stats().overruns()).isZero();
    }

    @Test
    void aTickThatOutlastsItsBudgetIsAnOverrun() {
        long[] now = {0};
        // Every clock read moves time on by 60 % of a tick: the tick's own work overruns.
        TickLane slow = new TickLane(1, config, ArenaRules.standard(), () -> now[0] += interval * 6 / 10, () -> { });

        for (int i = 0; i < 10; i++) {
            slow.agent().doWork();
        }

        assertThat(slow.stats().overruns()).isPositive();
        assertThat(slow.stats().ticks()).isPositive();
    }

    @Test
    void matchesTickInTheirOwnPhaseSpreadOverThePeriod() {
        TickLane phased = new TickLane(2, config.withTickPhases(4), ArenaRules.standard(), clock, () -> { });
        List<MatchHandle> duels = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            duels.add(phased.host(new MatchSpec("p" + k, MatchMode.DUEL, "eu", List.of("p" + k + "a", "p" + k + "b"),
                    0.9, 0)));
        }
        runNextPhase(phased);
        for (int k = 0; k < 4; k++) {
            duels.get(k).connectionEvent(InboundDescriptor.CONNECTED, 0, 100L * k + 1);
            duels.get(k).connectionEvent(InboundDescriptor.CONNECTED, 1, 100L * k + 2);
        }
        snapshotConnections(phased);
        long start = clock.nanoTime();

        List<List<Long>> perPhase = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int step = 0; step < 4; step++) {
            runNextPhase(phased);
            offsets.add(clock.nanoTime() - start);
            perPhase.add(snapshotConnections(phased));
        }

        // A quarter period apart, one match each: the period's snapshots leave in four small portions.
        assertThat(offsets).containsExactly(interval / 4, interval / 2, interval * 3 / 4, interval);
        assertThat(perPhase).containsExactly(List.of(101L, 102L), List.of(201L, 202L), List.of(301L, 302L),
                List.of(1L, 2L));
        assertThat(phased.stats().matches()).isEqualTo(4);
        assertThat(phased.stats().players()).isEqualTo(8);
    }

    @Test
    void theTickDurationIsRecordedOncePerPeriodOverItsPhases() {
        TickLane phased = new TickLane(2, config.withTickPhases(4), ArenaRules.standard(), clock, () -> { });

        for (int step = 0; step < 4 * 5; step++) {
            runNextPhase(phased);
        }

        assertThat(phased.stats().ticks()).isEqualTo(5);
        assertThat(phased.agent().schedule().phase(3).ticksRun()).isEqualTo(5);
    }

    @Test
    void recordsFromEachInputsReadToTheStartOfTheTickThatAppliedItAndPassesTheStampToTheSender() {
        MatchHandle match = duel("m-residence");
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 11);
        match.connectionEvent(InboundDescriptor.CONNECTED, 1, 12);
        ticks(2);
        snapshotConnections(new ArrayList<>());
        lane.residence().interval(ResidenceStats.Stage.INPUT_TO_TICK, null);
        long firstRead = clock.nanoTime();
        match.input(0, 1, 0, 1f, 0f, 0f, false, firstRead);
        clock.advance(5_000_000);
        match.input(0, 2, 0, 1f, 0f, 0f, false, clock.nanoTime());

        runNextPhase(lane);

        long tickStarted = clock.nanoTime();
        var waited = lane.residence().interval(ResidenceStats.Stage.INPUT_TO_TICK, null);
        assertThat(waited.getTotalCount()).as("one per player-tick: the earliest input it applied").isEqualTo(1);
        assertThat(waited.getMaxValue()).isEqualTo(waited.highestEquivalentValue(tickStarted - firstRead));
        List<Long> stamps = new ArrayList<>();
        lane.snapshots().read((type, buffer, index, length) -> {
            if (type == MatchAgent.TICK_MESSAGE) {
                assertThat(buffer.getLong(index + MatchAgent.TICK_STARTED_OFFSET)).isEqualTo(tickStarted);
            } else {
                stamps.add(buffer.getLong(index + MatchAgent.INPUT_RECEIVED_OFFSET));
            }
        });
        assertThat(stamps).containsExactly(firstRead, ResidenceStats.NO_INPUT);

        runNextPhase(lane);

        assertThat(lane.residence().interval(ResidenceStats.Stage.INPUT_TO_TICK, null).getTotalCount())
                .as("an input is counted by the first tick that applied it only").isZero();
    }

    @Test
    void dutyCycleAllocatesNothingInSteadyState() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TickLane phased = new TickLane(3, config.withTickPhases(4), ArenaRules.standard(), clock, () -> { });
        List<MatchHandle> matches = new ArrayList<>();
        for (int m = 0; m < 8; m++) {
            MatchHandle match = phased.host(new MatchSpec("alloc" + m, MatchMode.FFA, "eu",
                    List.of("p0" + m, "p1" + m, "p2" + m, "p3" + m, "p4" + m, "p5" + m, "p6" + m, "p7" + m), 1, 0));
            for (int slot = 0; slot < 8; slot++) {
                match.connectionEvent(InboundDescriptor.CONNECTED, slot, m * 100 + slot + 1);
            }
            matches.add(match);
        }
        long[] sequence = {0};
        MatchHandle[] all = matches.toArray(new MatchHandle[0]);
        Runnable play = () -> {
            for (int t = 0; t < 500; t++) {
                sequence[0]++;
                for (MatchHandle match : all) {
                    for (int slot = 0; slot < 8; slot++) {
                        float angle = (t + slot) * 0.1f;
                        match.input(slot, sequence[0], Math.max(0, sequence[0] - 2), (float) Math.cos(angle),
                                (float) Math.sin(angle), angle, t % 7 == 0, clock.nanoTime());
                    }
                }
                for (int phase = 0; phase < 4; phase++) {
                    runNextPhase(phased);
                }
                phased.snapshots().read((type, buffer, index, length) -> { }, Integer.MAX_VALUE);
                phased.events().read((type, buffer, index, length) -> { }, Integer.MAX_VALUE);
            }
        };
        // Warm up long enough for the JIT to settle the per-snapshot path (recording each input's
        // residence made it deeper): a recompilation inside the measured runs allocates a few KB once.
        for (int warmup = 0; warmup < 6; warmup++) {
            play.run();
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int run = 0; run < 4; run++) {
            play.run();
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        assertThat(phased.stats().matches()).isEqualTo(8);
        assertThat(phased.stats().snapshots()).isGreaterThan(6 * 500 * 64 - 64);
        // Zero in most runs; a JIT recompilation now and then costs a few hundred bytes once.
        assertThat(allocated / 2_000.0).as("bytes allocated per tick (8 matches, 64 players)").isLessThan(1.0);
    }
}
