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
 */
public record TickConfig(int tickRateHz, int maxCatchUpTicks, int matchesPerAgent, int inboundBufferBytes,
                         int snapshotBufferBytes, int eventBufferBytes, Duration joinWindow,
                         Duration reconnectGrace) {

    public TickConfig {
        Checks.inRange("tick-rate", tickRateHz, 10, 128);
        Checks.inRange("max-catch-up-ticks", maxCatchUpTicks, 1, 32);
        Checks.inRange("matches-per-agent", matchesPerAgent, 1, 100_000);
        powerOfTwo("inbound-buffer-bytes", inboundBufferBytes);
        powerOfTwo("snapshot-buffer-bytes", snapshotBufferBytes);
        powerOfTwo("event-buffer-bytes", eventBufferBytes);
        Checks.positive("join-window", joinWindow);
        Checks.positive("reconnect-grace", reconnectGrace);
    }

    public static TickConfig defaults() {
        return new TickConfig(30, 4, 4_096, 8 << 20, 16 << 20, 8 << 20, Duration.ofSeconds(15), Duration.ofSeconds(20));
    }

    public TickConfig withTickRate(int hz) {
        return new TickConfig(hz, maxCatchUpTicks, matchesPerAgent, inboundBufferBytes, snapshotBufferBytes,
                eventBufferBytes, joinWindow, reconnectGrace);
    }

    public TickConfig withWindows(Duration join, Duration grace) {
        return new TickConfig(tickRateHz, maxCatchUpTicks, matchesPerAgent, inboundBufferBytes, snapshotBufferBytes,
                eventBufferBytes, join, grace);
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
