package io.skirmish.faults;

import java.util.random.RandomGenerator;

/** Latency plus uniform jitter, never negative. */
final class DelaySampler {

    private final RandomGenerator random;

    DelaySampler(RandomGenerator random) {
        this.random = random;
    }

    long delayNs(FaultProfile profile) {
        long jitterNs = profile.jitterMs() == 0 ? 0
                : random.nextLong(-profile.jitterMs() * 1_000_000L, profile.jitterMs() * 1_000_000L + 1);
        return Math.max(0, profile.latencyMs() * 1_000_000L + jitterNs);
    }
}
