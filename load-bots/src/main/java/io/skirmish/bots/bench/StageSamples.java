package io.skirmish.bots.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.skirmish.bots.metrics.PrometheusScrape;
import org.HdrHistogram.Histogram;

/**
 * The game server's latency stages ({@code game_latency_stage_seconds}: p50 and p99 of the last
 * second, by stage) sampled once a second over a measurement window, reduced to the median of
 * the per-second figures, the same way the tick duration's typical p99 is. Scrapes from a server
 * that does not publish the stages leave them unknown (NaN). Coordinator thread only.
 */
final class StageSamples {

    static final String METRIC = "game_latency_stage_seconds";
    private static final List<String> STAGES = List.of("input_to_tick", "sender_wake", "tick_to_socket",
            "input_to_socket");
    private static final List<String> PERCENTILES = List.of("50", "99");

    private final Map<String, List<Double>> millisBySeries = new HashMap<>();

    void add(PrometheusScrape scrape) {
        if (!scrape.has(METRIC)) {
            return;
        }
        for (String stage : STAGES) {
            for (String percentile : PERCENTILES) {
                double seconds = scrape.value(METRIC, "stage", stage, "percentile", percentile);
                millisBySeries.computeIfAbsent(stage + "/" + percentile, key -> new ArrayList<>()).add(seconds * 1000);
            }
        }
    }

    /** Median over the window of the stage's per-second percentile, in ms; NaN if never published. */
    double median(String stage, String percentile) {
        return GameLoadBench.median(millisBySeries.getOrDefault(stage + "/" + percentile, List.of()));
    }

    /** The split of the window: the server's stages and, from the clients, their read delay (microseconds). */
    LatencySplit split(Histogram clientReadDelayMicros) {
        boolean read = clientReadDelayMicros.getTotalCount() > 0;
        return new LatencySplit(median("input_to_tick", "50"), median("input_to_tick", "99"),
                median("sender_wake", "99"), median("tick_to_socket", "50"), median("tick_to_socket", "99"),
                median("input_to_socket", "50"), median("input_to_socket", "99"),
                read ? clientReadDelayMicros.getValueAtPercentile(50) / 1000.0 : Double.NaN,
                read ? clientReadDelayMicros.getValueAtPercentile(99) / 1000.0 : Double.NaN, Double.NaN, Double.NaN,
                ClientSplit.UNKNOWN);
    }
}
