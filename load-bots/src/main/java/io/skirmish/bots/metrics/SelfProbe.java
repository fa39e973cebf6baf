package io.skirmish.bots.metrics;

import java.util.Map;

import io.skirmish.kit.ops.CpuClock;

/** The swarm's own JVM: its CPU shows how much of the machine the bots themselves took. */
public final class SelfProbe implements ServiceProbe {

    @Override
    public String name() {
        return "bot-swarm";
    }

    @Override
    public Sample sample() {
        long cpu = CpuClock.self();
        return cpu < 0 ? Sample.unavailable() : new Sample(cpu, Map.of());
    }
}
