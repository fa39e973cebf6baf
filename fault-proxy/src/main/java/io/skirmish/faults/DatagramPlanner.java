package io.skirmish.faults;

import java.util.random.RandomGenerator;

/**
 * Decides the fate of one datagram under a profile: dropped, delivered once at a time, or
 * delivered twice. Pure: the caller passes the clock reading and owns the random source.
 *
 * <p>Not thread safe: one planner per event loop (the random source is not shared).
 */
final class DatagramPlanner {

    private final RandomGenerator random;
    private final DelaySampler delays;

    DatagramPlanner(RandomGenerator random) {
        this.random = random;
        this.delays = new DelaySampler(random);
    }

    /**
     * @return the delivery times (nanos on the caller's clock), empty when the datagram is lost;
     *         two entries when it is duplicated
     */
    long[] plan(FaultProfile profile, long nowNs, FaultCounters counters) {
        if (profile.partitioned() || chance(profile.lossRate())) {
            counters.dropped.incrementAndGet();
            return new long[0];
        }
        long dueNs = nowNs + delays.delayNs(profile);
        if (chance(profile.reorderRate())) {
            counters.reordered.incrementAndGet();
            dueNs += reorderHoldNs(profile);
        }
        if (chance(profile.duplicateRate())) {
            counters.duplicated.incrementAndGet();
            return new long[] {dueNs, nowNs + delays.delayNs(profile)};
        }
        return new long[] {dueNs};
    }

    /** Long enough that a datagram sent just after, with the largest jitter, arrives first. */
    static long reorderHoldNs(FaultProfile profile) {
        return (FaultProfile.REORDER_HOLD_MIN_MS + 2 * profile.jitterMs()) * 1_000_000L;
    }

    private boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }
}
