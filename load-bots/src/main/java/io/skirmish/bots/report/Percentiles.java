package io.skirmish.bots.report;

import org.HdrHistogram.Histogram;

/** A latency distribution as the report shows it, in milliseconds; NaN when nothing was recorded. */
public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {

    /** From a histogram recorded in {@code unitsPerMs} units per millisecond (1000 for microseconds). */
    public static Percentiles of(Histogram histogram, double unitsPerMs) {
        if (histogram.getTotalCount() == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Percentiles(histogram.getTotalCount(),
                histogram.getValueAtPercentile(50) / unitsPerMs,
                histogram.getValueAtPercentile(90) / unitsPerMs,
                histogram.getValueAtPercentile(99) / unitsPerMs,
                histogram.getValueAtPercentile(99.9) / unitsPerMs,
                histogram.getMaxValue() / unitsPerMs);
    }
}
