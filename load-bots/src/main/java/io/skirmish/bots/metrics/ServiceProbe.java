package io.skirmish.bots.metrics;

import java.util.Map;

/**
 * Reads one service's CPU time and a few figures the swarm report shows next to its own (tick
 * p99 of a game server, documents in Elasticsearch, ...). Called by the swarm's sampler thread
 * only; a failed read returns {@link Sample#unavailable()} instead of throwing, because a report
 * with a gap is better than no report.
 */
public interface ServiceProbe {

    String name();

    Sample sample();

    /**
     * @param cpuNanos CPU time used by the service so far (user + system), -1 when unknown
     * @param figures  named figures: counters (totals so far) and gauges, by the names the report uses
     */
    record Sample(long cpuNanos, Map<String, Double> figures) {
        public static Sample unavailable() {
            return new Sample(-1, Map.of());
        }
    }
}
