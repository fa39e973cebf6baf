package io.skirmish.kit.net.guard;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The counters of one TCP port's guards, registered once: {@code <prefix>.connections.closed{reason}}
 * for every connection a guard refused or closed, {@code <prefix>.connections.paused} for every time
 * a connection stopped being read because its replies piled up, and the gauge
 * {@code <prefix>.connections.open}. The prefix names the service's network layer
 * ({@code game.net}, {@code match.net}, {@code ranking.net}).
 *
 * <p>Thread-safe: every event loop of the port counts here.
 */
public final class GuardMetrics {

    private final Map<GuardRefusal, Counter> closed = new EnumMap<>(GuardRefusal.class);
    private final Counter paused;

    public GuardMetrics(MeterRegistry registry, String prefix, Supplier<Number> openConnections) {
        for (GuardRefusal refusal : GuardRefusal.values()) {
            closed.put(refusal, Counter.builder(prefix + ".connections.closed").tag("reason", refusal.tag())
                    .description("TCP connections refused or closed by a transport guard, by reason")
                    .register(registry));
        }
        paused = Counter.builder(prefix + ".connections.paused")
                .description("times a connection stopped being read because its unsent replies passed the high-water mark")
                .register(registry);
        Gauge.builder(prefix + ".connections.open", openConnections)
                .description("client TCP connections open now").register(registry);
    }

    public void closed(GuardRefusal refusal) {
        closed.get(refusal).increment();
    }

    public void paused() {
        paused.increment();
    }

    public double closedCount(GuardRefusal refusal) {
        return closed.get(refusal).count();
    }

    public double pausedCount() {
        return paused.count();
    }
}
