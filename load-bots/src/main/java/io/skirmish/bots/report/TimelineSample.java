package io.skirmish.bots.report;

import java.util.Map;

/**
 * One second (or one sampling interval) of a swarm run: bot counts by state at its end, rates
 * and latency percentiles over it, and the CPU each sampled service used during it (cores).
 */
public record TimelineSample(
        double atSeconds,
        int starting,
        int queued,
        int inMatch,
        int ranking,
        int stopped,
        long matchesCompleted,
        double inputsPerSecond,
        double snapshotsPerSecond,
        double rttP50Ms,
        double rttP99Ms,
        double timeToMatchP50Ms,
        double timeToMatchP99Ms,
        long errors,
        Map<String, Double> serviceCpuCores) {

    public TimelineSample {
        serviceCpuCores = Map.copyOf(serviceCpuCores);
    }
}
