package io.skirmish.bots.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Skirmish service's {@code /metrics}: CPU time from Micrometer's process meters, and the
 * figures of the report: the game server's tick p99, the log-shipper's indexed documents, the
 * match-server's matches formed and their quality per mode, the ranking-server's results applied.
 */
public final class PrometheusProbe implements ServiceProbe {

    /**
     * Report figure name to the Prometheus series it comes from (name, then label pairs). The
     * match quality's sum and count per mode become its mean over the run (see ServiceSampler),
     * the figure a change to the formation rules must be read against.
     */
    private static final Map<String, String[]> FIGURES = Map.ofEntries(
            Map.entry("tick_p99_ms", new String[] {"game_tick_duration_seconds", "percentile", "99"}),
            Map.entry("docs_indexed", new String[] {"logship_docs_indexed_total"}),
            Map.entry("matches_formed", new String[] {"match_matches_total"}),
            Map.entry("results_applied", new String[] {"ranking_results_applied_total"}),
            Map.entry("quality_duel_sum", new String[] {"match_quality_sum", "mode", "duel"}),
            Map.entry("quality_duel_count", new String[] {"match_quality_count", "mode", "duel"}),
            Map.entry("quality_squad_sum", new String[] {"match_quality_sum", "mode", "squad"}),
            Map.entry("quality_squad_count", new String[] {"match_quality_count", "mode", "squad"}),
            Map.entry("quality_ffa_sum", new String[] {"match_quality_sum", "mode", "ffa"}),
            Map.entry("quality_ffa_count", new String[] {"match_quality_count", "mode", "ffa"}));

    private final String name;
    private final URI uri;
    private final HttpClient http;

    public PrometheusProbe(String name, URI uri, HttpClient http) {
        this.name = name;
        this.uri = uri;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Sample sample() {
        PrometheusScrape scrape;
        try {
            scrape = PrometheusScrape.fetch(http, uri);
        } catch (Exception e) {
            return Sample.unavailable();
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        FIGURES.forEach((figure, series) -> {
            String[] labels = java.util.Arrays.copyOfRange(series, 1, series.length);
            if (scrape.has(series[0])) {
                double value = scrape.value(series[0], labels);
                figures.put(figure, figure.endsWith("_ms") ? value * 1000 : value);
            }
        });
        return new Sample(cpuNanos(scrape), figures);
    }

    /** Micrometer names the process CPU counter by its base unit; accept either spelling. */
    static long cpuNanos(PrometheusScrape scrape) {
        if (scrape.has("process_cpu_time_ns_total")) {
            return (long) scrape.value("process_cpu_time_ns_total");
        }
        if (scrape.has("process_cpu_time_seconds_total")) {
            return (long) (scrape.value("process_cpu_time_seconds_total") * 1e9);
        }
        if (scrape.has("process_cpu_seconds_total")) {
            return (long) (scrape.value("process_cpu_seconds_total") * 1e9);
        }
        return -1;
    }
}
