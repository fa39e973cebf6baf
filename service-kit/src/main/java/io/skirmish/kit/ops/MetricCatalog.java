package io.skirmish.kit.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every meter a Skirmish process exports, in one place ({@code metrics.tsv} next to this class):
 * its Micrometer name, the Prometheus family it becomes, its type, its tags (all of bounded
 * cardinality), the processes that export it and what it means. The meaning is the meter's help
 * text ({@link CatalogDescriptions}) and the operations guide's metric table is generated from
 * the same rows, so help text, docs and code cannot drift apart: a meter missing here has no help
 * text and fails the promtool check of the services' real {@code /metrics}.
 */
public final class MetricCatalog {

    /** One meter. {@code tags} excludes the common {@code service} and {@code instance} tags. */
    public record Entry(String meter, String prometheus, String type, List<String> tags, String services,
                        String meaning) {
    }

    private static final MetricCatalog DEFAULT = load();

    private final Map<String, Entry> byMeter;

    private MetricCatalog(Map<String, Entry> byMeter) {
        this.byMeter = Collections.unmodifiableMap(byMeter);
    }

    public static MetricCatalog standard() {
        return DEFAULT;
    }

    public Optional<Entry> byMeter(String meter) {
        return Optional.ofNullable(byMeter.get(meter));
    }

    /** The entry whose Prometheus family is {@code family}. */
    public Optional<Entry> byPrometheusName(String family) {
        return byMeter.values().stream().filter(e -> e.prometheus().equals(family)).findFirst();
    }

    public List<Entry> entries() {
        return List.copyOf(byMeter.values());
    }

    /** The Markdown table of the operations guide, one row per meter in catalog order. */
    public String markdownTable() {
        StringBuilder out = new StringBuilder();
        out.append("| metric | type | tags | exported by | meaning |\n");
        out.append("|---|---|---|---|---|\n");
        for (Entry e : byMeter.values()) {
            out.append("| `").append(e.prometheus()).append("` | ").append(e.type()).append(" | ")
                    .append(e.tags().isEmpty() ? "" : "`" + String.join("`, `", e.tags()) + "`").append(" | ")
                    .append(e.services()).append(" | ").append(e.meaning().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    static MetricCatalog parse(InputStream tsv) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 6) {
                    throw new IllegalStateException("metrics.tsv line " + number + ": expected 6 tab-separated "
                            + "fields (meter, prometheus, type, tags, services, meaning), got " + f.length);
                }
                List<String> tags = f[3].isBlank() ? List.of() : List.of(f[3].split(","));
                if (entries.put(f[0], new Entry(f[0], f[1], f[2], tags, f[4], f[5])) != null) {
                    throw new IllegalStateException("metrics.tsv line " + number + ": meter " + f[0] + " twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MetricCatalog(entries);
    }

    private static MetricCatalog load() {
        try (InputStream in = MetricCatalog.class.getResourceAsStream("metrics.tsv")) {
            if (in == null) {
                throw new IllegalStateException("metrics.tsv missing from the class path");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
