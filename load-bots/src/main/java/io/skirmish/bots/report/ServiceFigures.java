package io.skirmish.bots.report;

import java.util.Map;

/**
 * What one service did over the run: average CPU in cores (NaN when its CPU time could not be
 * read) and its own figures (e.g. {@code tick_p99_ms_max}, {@code docs_per_s}).
 */
public record ServiceFigures(String name, double cpuCores, Map<String, Double> figures) {

    public ServiceFigures {
        figures = Map.copyOf(figures);
    }
}
