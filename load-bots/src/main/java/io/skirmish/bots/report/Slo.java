package io.skirmish.bots.report;

import java.time.Duration;
import java.util.Locale;

import io.skirmish.kit.config.ConfigException;

/**
 * One pass/fail threshold of a swarm run, e.g. {@code rtt-p99=100ms}, {@code ttm-p99=30s},
 * {@code error-rate=1%}, {@code matches-per-s=2}. Latency and error thresholds are upper bounds;
 * a throughput threshold is a lower bound. A missed one makes the swarm exit non-zero, so a CI
 * job can gate on it.
 */
public record Slo(Metric metric, double limit) {

    /** What can be gated on, in the unit of its figure in the report. */
    public enum Metric {
        RTT_P50("rtt-p50", true), RTT_P99("rtt-p99", true),
        TTM_P50("ttm-p50", true), TTM_P99("ttm-p99", true),
        RANK_P99("rank-p99", true),
        ERROR_RATE("error-rate", false),
        MATCHES_PER_S("matches-per-s", false);

        final String key;
        final boolean milliseconds;

        Metric(String key, boolean milliseconds) {
            this.key = key;
            this.milliseconds = milliseconds;
        }

        public String key() {
            return key;
        }

        boolean upperBound() {
            return this != MATCHES_PER_S;
        }
    }

    /** Parses {@code metric=value}: a duration for latencies (ms, s), a share for error-rate (1% or 0.01). */
    public static Slo parse(String text) {
        String[] pair = text.split("=", 2);
        if (pair.length != 2) {
            throw new ConfigException("slo", text, "expected metric=limit, e.g. rtt-p99=100ms or error-rate=1%");
        }
        String key = pair[0].trim().toLowerCase(Locale.ROOT);
        String value = pair[1].trim();
        for (Metric metric : Metric.values()) {
            if (metric.key.equals(key)) {
                return new Slo(metric, metric.milliseconds ? millis(text, value) : number(text, value));
            }
        }
        throw new ConfigException("slo", text, "unknown metric '" + key + "' (expected rtt-p50, rtt-p99, ttm-p50, "
                + "ttm-p99, rank-p99, error-rate or matches-per-s)");
    }

    private static double millis(String text, String value) {
        try {
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.endsWith("ms")) {
                return Double.parseDouble(lower.substring(0, lower.length() - 2));
            }
            if (lower.endsWith("s")) {
                return Double.parseDouble(lower.substring(0, lower.length() - 1)) * 1000;
            }
            return Duration.parse(value).toMillis();
        } catch (RuntimeException e) {
            throw new ConfigException("slo", text, "expected a duration such as 100ms or 2s");
        }
    }

    private static double number(String text, String value) {
        try {
            double parsed = value.endsWith("%")
                    ? Double.parseDouble(value.substring(0, value.length() - 1)) / 100
                    : Double.parseDouble(value);
            if (!(parsed >= 0) || Double.isInfinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException("slo", text, "expected a non-negative number or percentage");
        }
    }

    /** Whether {@code actual} (NaN when the run produced no sample) meets this threshold. */
    public boolean met(double actual) {
        if (Double.isNaN(actual)) {
            return false;
        }
        return metric.upperBound() ? actual <= limit : actual >= limit;
    }

    /** As typed: {@code rtt-p99<=100ms}. */
    public String describe() {
        String bound = metric.upperBound() ? "<=" : ">=";
        if (metric.milliseconds) {
            return metric.key + bound + Figures.format(limit) + "ms";
        }
        return metric.key + bound + (metric == Metric.ERROR_RATE ? Figures.format(limit * 100) + "%"
                : Figures.format(limit));
    }
}
