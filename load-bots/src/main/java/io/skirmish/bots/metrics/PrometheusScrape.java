package io.skirmish.bots.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One scrape of a Prometheus text endpoint ({@code /metrics}), kept as lines and queried by
 * metric name and label values. Enough for the benchmark's before/after deltas; not a general
 * parser (no escapes inside label values are expected from our own services).
 */
public final class PrometheusScrape {

    private record Sample(String name, String labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusScrape fetch(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    public static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String series = line.substring(0, space);
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            int brace = series.indexOf('{');
            String name = brace < 0 ? series : series.substring(0, brace);
            String labels = brace < 0 ? "" : series.substring(brace);
            samples.add(new Sample(name, labels, value));
        }
        return new PrometheusScrape(samples);
    }

    /** Sum of every series of {@code name} whose labels include each {@code key, value} pair; 0 if none. */
    public double value(String name, String... labelPairs) {
        double sum = 0;
        for (Sample sample : samples) {
            if (sample.name.equals(name) && matches(sample.labels, labelPairs)) {
                sum += sample.value;
            }
        }
        return sum;
    }

    /** Whether any series is called {@code name}. */
    public boolean has(String name) {
        for (Sample sample : samples) {
            if (sample.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The distinct values of label {@code key} among the series of {@code name}. */
    public java.util.Set<String> labelValues(String name, String key) {
        java.util.Set<String> values = new java.util.TreeSet<>();
        String prefix = key + "=\"";
        for (Sample sample : samples) {
            int at = sample.labels.indexOf(prefix);
            if (sample.name.equals(name) && at >= 0) {
                int start = at + prefix.length();
                values.add(sample.labels.substring(start, sample.labels.indexOf('"', start)));
            }
        }
        return values;
    }

    private static boolean matches(String labels, String... labelPairs) {
        for (int i = 0; i + 1 < labelPairs.length; i += 2) {
            if (!labels.contains(labelPairs[i] + "=\"" + labelPairs[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }
}
