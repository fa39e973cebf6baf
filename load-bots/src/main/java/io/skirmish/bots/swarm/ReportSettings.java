package io.skirmish.bots.swarm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.skirmish.bots.report.Slo;
import io.skirmish.kit.config.Checks;

/**
 * What a swarm run measures besides its own bots, what it holds the figures to, and where the
 * report goes.
 *
 * @param reportDir        where the JSON and HTML reports are written
 * @param slos             thresholds the report says met or missed
 * @param services         Prometheus endpoints to sample (name to URL), for CPU and service figures
 * @param redisUrl         Redis whose CPU time to sample; null for none
 * @param elasticsearchUrl Elasticsearch whose node stats and event count to sample; null for none
 */
public record ReportSettings(Path reportDir, List<Slo> slos, Map<String, String> services, String redisUrl,
                             String elasticsearchUrl) {

    public ReportSettings {
        Checks.notNull("report-dir", reportDir);
        slos = List.copyOf(slos);
        services = Map.copyOf(services);
    }
}
