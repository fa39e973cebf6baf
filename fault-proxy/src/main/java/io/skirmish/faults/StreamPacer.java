package io.skirmish.faults;

import java.util.random.RandomGenerator;

/**
 * Delivery times of the chunks of one TCP direction: latency and jitter as on UDP, but never
 * earlier than the chunk before (a byte stream cannot be reordered), and a "lost" chunk costs a
 * retransmission timeout that every later chunk waits behind, as a real lost segment would.
 *
 * <p>Not thread safe: one per direction of a connection, used on its event loop.
 */
final class StreamPacer {

    private final RandomGenerator random;
    private final DelaySampler delays;
    private long lastDueNs = Long.MIN_VALUE;

    StreamPacer(RandomGenerator random) {
        this.random = random;
        this.delays = new DelaySampler(random);
    }

    long dueNs(FaultProfile profile, long nowNs, FaultCounters counters) {
        long dueNs = nowNs + delays.delayNs(profile);
        if (profile.lossRate() > 0 && random.nextDouble() < profile.lossRate()) {
            counters.retransmitted.incrementAndGet();
            dueNs += FaultProfile.TCP_RETRANSMIT_MS * 1_000_000L;
        }
        lastDueNs = Math.max(lastDueNs, dueNs);
        return lastDueNs;
    }
}
