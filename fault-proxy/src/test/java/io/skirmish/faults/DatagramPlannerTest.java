package io.skirmish.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DatagramPlannerTest {

    private static final long NOW_NS = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private final FaultCounters counters = new FaultCounters();
    private final DatagramPlanner planner = new DatagramPlanner(new SplittableRandom(7));

    @Test
    void aCleanLinkDeliversEachDatagramOnceAtOnce() {
        assertThat(planner.plan(FaultProfile.NONE, NOW_NS, counters)).containsExactly(NOW_NS);
    }

    @Test
    void latencyDelaysByExactlyThatWithoutJitter() {
        assertThat(planner.plan(FaultProfile.NONE.withLatency(50, 0), NOW_NS, counters)).containsExactly(NOW_NS + 50 * MS);
    }

    @Test
    void jitterStaysWithinItsBoundsAndVaries() {
        FaultProfile profile = FaultProfile.NONE.withLatency(50, 20);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long due = planner.plan(profile, NOW_NS, counters)[0] - NOW_NS;
            min = Math.min(min, due);
            max = Math.max(max, due);
        }
        assertThat(min).isBetween(30 * MS, 32 * MS);
        assertThat(max).isBetween(68 * MS, 70 * MS);
    }

    @Test
    void jitterLargerThanLatencyNeverDeliversBeforeSending() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(planner.plan(FaultProfile.NONE.withLatency(5, 50), NOW_NS, counters)[0]).isGreaterThanOrEqualTo(NOW_NS);
        }
    }

    @Test
    void dropsAboutTheLossRateAndCountsEachDrop() {
        int lost = 0;
        for (int i = 0; i < 10_000; i++) {
            lost += planner.plan(FaultProfile.NONE.withLoss(0.05), NOW_NS, counters).length == 0 ? 1 : 0;
        }
        assertThat(lost).isBetween(400, 600);
        assertThat(counters.dropped()).isEqualTo(lost);
    }

    @Test
    void aPartitionDropsEverything() {
        for (int i = 0; i < 100; i++) {
            assertThat(planner.plan(FaultProfile.NONE.withPartition(true), NOW_NS, counters)).isEmpty();
        }
        assertThat(counters.dropped()).isEqualTo(100);
    }

    @Test
    void aDuplicatedDatagramIsDeliveredTwice() {
        long[] plan = planner.plan(FaultProfile.NONE.withLatency(10, 0).withDuplicates(1), NOW_NS, counters);
        assertThat(plan).containsExactly(NOW_NS + 10 * MS, NOW_NS + 10 * MS);
        assertThat(counters.duplicated()).isOne();
    }

    @Test
    void aReorderedDatagramArrivesAfterOneSentAfterItWithTheLargestJitter() {
        FaultProfile jittery = FaultProfile.NONE.withLatency(50, 20);
        long latestNextNs = NOW_NS + MS + (50 + 20) * MS;
        for (int i = 0; i < 1_000; i++) {
            assertThat(planner.plan(jittery.withReorder(1), NOW_NS, counters)[0]).isGreaterThan(latestNextNs);
        }
        assertThat(planner.plan(FaultProfile.NONE.withReorder(1), NOW_NS, counters)[0])
                .isGreaterThan(planner.plan(FaultProfile.NONE, NOW_NS + MS, counters)[0]);
        assertThat(counters.reordered()).isEqualTo(1_001);
    }

    @Test
    void theSameSeedPlansTheSameFates() {
        DatagramPlanner a = new DatagramPlanner(new SplittableRandom(42));
        DatagramPlanner b = new DatagramPlanner(new SplittableRandom(42));
        FaultProfile profile = FaultProfile.NONE.withLatency(50, 20).withLoss(0.1).withReorder(0.1).withDuplicates(0.1);
        for (int i = 0; i < 1_000; i++) {
            assertThat(a.plan(profile, NOW_NS + i, counters)).containsExactly(b.plan(profile, NOW_NS + i, counters));
        }
    }
}
