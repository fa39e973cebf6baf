package io.skirmish.kit.ops;

/**
 * One dependency a process needs before it should receive traffic (Redis reachable,
 * Elasticsearch reachable, not draining). Called from the ops HTTP thread; implementations
 * must be quick and must not throw for an expected outage.
 */
@FunctionalInterface
public interface ReadinessCheck {

    /** {@code null} when ready, otherwise a short reason such as "redis unreachable". */
    String notReadyReason();
}
