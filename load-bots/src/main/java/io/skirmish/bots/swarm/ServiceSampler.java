package io.skirmish.bots.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.skirmish.bots.metrics.ServiceProbe;
import io.skirmish.bots.report.ServiceFigures;

/**
 * Samples every service probe once per swarm interval: CPU cores each service used during the
 * interval for the timeline, and at the end each service's figures over the measured window
 * (from {@link #startWindow()}, or the first sample, to {@link #endWindow()}, or the last). Used
 * by the swarm's reporting thread only.
 */
final class ServiceSampler {

    private final List<ServiceProbe> probes;
    private final Map<String, ServiceProbe.Sample> first = new LinkedHashMap<>();
    private final Map<String, ServiceProbe.Sample> latest = new LinkedHashMap<>();
    private final Map<String, List<Double>> gaugeHistory = new LinkedHashMap<>();
    private final Map<String, ServiceProbe.Sample> windowEnd = new LinkedHashMap<>();
    private boolean sampledOnce;
    private boolean windowEnded;
    private long firstNs;
    private long latestNs;
    private long windowEndNs;

    ServiceSampler(List<ServiceProbe> probes) {
        this.probes = List.copyOf(probes);
    }

    /** Takes a sample of every probe; returns the CPU cores each used since the previous call. */
    Map<String, Double> sample(long nowNs) {
        Map<String, Double> cores = new LinkedHashMap<>();
        for (ServiceProbe probe : probes) {
            ServiceProbe.Sample sample = probe.sample();
            if (sample.cpuNanos() < 0) {
                continue; // unreachable this time: keep its earlier sample as the baseline
            }
            first.putIfAbsent(probe.name(), sample);
            ServiceProbe.Sample before = latest.get(probe.name());
            if (before != null && nowNs > latestNs) {
                cores.put(probe.name(), (sample.cpuNanos() - before.cpuNanos()) / (double) (nowNs - latestNs));
            }
            latest.put(probe.name(), sample);
            sample.figures().forEach((figure, value) -> {
                if (figure.endsWith("_ms") && !windowEnded) {
                    gaugeHistory.computeIfAbsent(probe.name() + "/" + figure, k -> new ArrayList<>()).add(value);
                }
            });
        }
        if (!sampledOnce) {
            firstNs = nowNs;
            sampledOnce = true;
        }
        latestNs = nowNs;
        return cores;
    }

    /** The measured window starts at the latest sample: what came before (warm-up) is left out. */
    void startWindow() {
        first.clear();
        first.putAll(latest);
        firstNs = latestNs;
        gaugeHistory.clear();
    }

    /** The measured window ends at the latest sample (the drain after it is left out). */
    void endWindow() {
        windowEnd.putAll(latest);
        windowEndNs = latestNs;
        windowEnded = true;
    }

    /**
     * Over the measured window: average CPU cores; for gauges (names ending in {@code _ms}) their median
     * and max; for counters their rate per second, and for a summary's sum and count their mean.
     */
    List<ServiceFigures> figures() {
        List<ServiceFigures> figures = new ArrayList<>();
        Map<String, ServiceProbe.Sample> last = windowEnded ? windowEnd : latest;
        double seconds = ((windowEnded ? windowEndNs : latestNs) - firstNs) / 1e9;
        for (ServiceProbe probe : probes) {
            ServiceProbe.Sample start = first.get(probe.name());
            ServiceProbe.Sample end = last.get(probe.name());
            if (start == null || end == null || seconds <= 0) {
                figures.add(new ServiceFigures(probe.name(), Double.NaN, Map.of()));
                continue;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            end.figures().forEach((figure, value) -> {
                if (figure.endsWith("_ms")) {
                    List<Double> history = new ArrayList<>(gaugeHistory.getOrDefault(probe.name() + "/" + figure,
                            List.of()));
                    history.sort(Double::compare);
                    if (!history.isEmpty()) {
                        values.put(figure + "_median", history.get(history.size() / 2));
                        values.put(figure + "_max", history.get(history.size() - 1));
                    }
                } else {
                    // A counter without series at the start had not counted anything yet.
                    values.put(figure + "_per_s", (value - start.figures().getOrDefault(figure, 0.0)) / seconds);
                }
            });
            figures.add(new ServiceFigures(probe.name(), (end.cpuNanos() - start.cpuNanos()) / (seconds * 1e9),
                    withMeans(values)));
        }
        return figures;
    }

    /**
     * A counter pair {@code X_sum} and {@code X_count} (a Prometheus summary) means one thing
     * over the window: its mean, {@code X_mean} (NaN when nothing was counted), which replaces
     * the pair's two rates.
     */
    static Map<String, Double> withMeans(Map<String, Double> rates) {
        Map<String, Double> result = new LinkedHashMap<>(rates);
        rates.forEach((figure, sumRate) -> {
            if (!figure.endsWith("_sum_per_s")) {
                return;
            }
            String base = figure.substring(0, figure.length() - "_sum_per_s".length());
            Double countRate = rates.get(base + "_count_per_s");
            if (countRate != null) {
                result.remove(figure);
                result.remove(base + "_count_per_s");
                result.put(base + "_mean", countRate > 0 ? sumRate / countRate : Double.NaN);
            }
        });
        return result;
    }
}
