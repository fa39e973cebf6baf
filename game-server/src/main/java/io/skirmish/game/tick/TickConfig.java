package io.skirmish.game.tick;

import java.time.Duration;

import io.skirmish.kit.config.Checks;

/**
 * How the tick loop runs. Buffer sizes are powers of two (Agrona ring buffers require it) and
 * sized for the worst burst one agent must absorb between two ticks.
 *
 * @param tickRateHz          simulation rate, 10..128
 * @param maxCatchUpTicks     ticks run back to back when behind, before the backlog is skipped
 * @param matchesPerAgent     match slots of one tick agent
 * @param inboundBufferBytes  I/O threads to agent (inputs, connection events)
 * @param snapshotBufferBytes agent to network (encoded snapshots)
 * @param eventBufferBytes    agent to event publisher (gameplay events, match ends)
 * @param joinWindow          how long a match waits for its players before starting with those present
 * @param reconnectGrace      how long a dropped player keeps its slot
 * @param tickPhases          evenly spaced phases per tick period; each match ticks in one of them, so
 *                            an agent's matches do not all tick, and send, at the same instant
 */
public record TickConfig(int tickRateHz, int maxCatchUpTicks, int matchesPerAgent, int inboundBufferBytes,
                         int snapshotBufferBytes, int eventBufferBytes, Duration joinWindow,
                         Duration reconnectGrace, int tickPhases) {

    public static final int MAX_TICK_PHASES = 64;

    public TickConfig {
        Checks.inRange("tick-rate", tickRateHz, 10, 128);
        Checks.inRange("max-catch-up-ticks", maxCatchUpTicks, 1, 32);
        Checks.inRange("matches-per-agent", matchesPerAgent, 1, 100_000);
        powerOfTwo("inbound-buffer-bytes", inboundBufferBytes);
        powerOfTwo("snapshot-buffer-bytes", snapshotBufferBytes);
        powerOfTwo("event-buffer-bytes", eventBufferBytes);
        Checks.positive("join-window", joinWindow);
        Checks.positive("reconnect-grace", reconnectGrace);
        Checks.inRange("tick-phases", tickPhases, 1, MAX_TICK_PHASES);
    }

    /**
     * 16 phases: at 30 Hz a phase every 2.1 ms, so 2,000 players send about 125 snapshots per
     * phase instead of 2,000 per tick (docs/performance.md, "Staggered ticks"), for 480 agent
     * wake-ups a second.
     */
    public static TickConfig defaults() {
        return new TickConfig(30, 4, 4_096, 8 << 20, 16 << 20, 8 << 20, Duration.ofSeconds(15), Duration.ofSeconds(20),
                16);
    }

    public TickConfig withTickRate(int hz) {
        return new TickConfig(hz, maxCatchUpTicks, matchesPerAgent, inboundBufferBytes, snapshotBufferBytes,
                eventBufferBytes, joinWindow, reconnectGrace, tickPhases);
    }

    public TickConfig withWindows(Duration join, Duration grace) {
        return new TickConfig(tickRateHz, maxCatchUpTicks, matchesPerAgent, inboundBufferBytes, snapshotBufferBytes,
                eventBufferBytes, join, grace, tickPhases);
    }

    public TickConfig withTickPhases(int phases) {
        return new TickConfig(tickRateHz, maxCatchUpTicks, matchesPerAgent, inboundBufferBytes, snapshotBufferBytes,
                eventBufferBytes, joinWindow, reconnectGrace, phases);
    }

    public long ticks(Duration duration) {
        return Math.max(1, (duration.toNanos() * tickRateHz + 999_999_999L) / 1_000_000_000L);
    }

    private static void powerOfTwo(String key, int value) {
        Checks.inRange(key, value, 4_096, 1 << 30);
        if (Integer.bitCount(value) != 1) {
            throw new io.skirmish.kit.config.ConfigException(key, value, "expected a power of two");
        }
    }
}
