package io.skirmish.kit.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code skirmish.dependency.up{dependency}}: 1 while a dependency the process needs answers,
 * 0 while it does not, evaluated from the same {@link ReadinessCheck} that gates {@code /ready}
 * at each scrape (held strongly: the check is often a lambda nobody else keeps). Alerts on "Redis unreachable" and "Elasticsearch unreachable" read it, so they
 * see the service's own view of the link rather than a probe from elsewhere.
 */
public final class DependencyGauge {

    private DependencyGauge() {
    }

    /** {@code dependency} is a fixed name such as {@code redis} or {@code elasticsearch}. */
    public static void bind(MeterRegistry registry, String dependency, ReadinessCheck check) {
        Gauge.builder("skirmish.dependency.up", check, DependencyGauge::up).tag("dependency", dependency)
                .strongReference(true).register(registry);
    }

    private static double up(ReadinessCheck check) {
        try {
            return check.notReadyReason() == null ? 1 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
