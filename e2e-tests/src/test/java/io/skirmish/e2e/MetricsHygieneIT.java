package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.skirmish.bots.swarm.SwarmMain;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.ops.MetricCatalog;
import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of every service as an operator's Prometheus would get them: the whole stack runs
 * as separate processes, bots play a few matches (meters that register on first use then exist),
 * and each service's real {@code /metrics} must pass {@code promtool check metrics} without a
 * single complaint, list only families of the metric catalog (with its type and tags, so the
 * table in docs/operations.md is true), and carry no label value that grows with players.
 */
@RedisTest
@ElasticsearchTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MetricsHygieneIT {

    private static final String PREFIX = "hygiene";
    /** Labels every series may carry besides its meter's tags. */
    private static final Set<String> COMMON_LABELS = Set.of("service", "instance", "le");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? .*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();
    private final MetricCatalog catalog = MetricCatalog.standard();

    @Test
    void everyServiceExportsCleanCataloguedBoundedMetrics(RedisEndpoint redis, ElasticsearchEndpoint es)
            throws Exception {
        try (WholeStack stack = new WholeStack(work, redis.uri().toString(), es.uri().toString())
                .start(Duration.ofSeconds(8))) {
            int exit = CommandRunner.run(new SwarmMain(), "--bots=16", "--ramp-up=2s", "--duration=12s",
                    "--drain-timeout=40s", "--mode-mix=duel=50,squad=25,ffa=25", "--seed=7",
                    "--queue-timeout=40s", "--player-prefix=" + PREFIX,
                    "--match-server=127.0.0.1:" + stack.matchPort, "--ranking-server=127.0.0.1:" + stack.rankingPort,
                    "--report-dir=" + work.resolve("report"));
            assertThat(exit).as("swarm exit status").isZero();

            for (Map.Entry<String, String> service : stack.metricsEndpoints().entrySet()) {
                String scrape = http.send(HttpRequest.newBuilder(URI.create(service.getValue())).build(),
                        HttpResponse.BodyHandlers.ofString()).body();

                Promtool.Result check = Promtool.checkMetrics(scrape, work);
                assertThat(check.output()).as("promtool check metrics on %s", service.getKey()).isEmpty();
                assertThat(check.exitCode()).isZero();
                assertCatalogued(service.getKey(), scrape);
                assertBounded(service.getKey(), scrape);
            }
        }
    }

    /** Every family is a catalog row of the same type, and its labels are the row's tags. */
    private void assertCatalogued(String service, String scrape) {
        Map<String, String> types = new HashMap<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] f = line.split(" ");
                types.put(f[2], f[3]);
            }
        }
        List<String> problems = new ArrayList<>();
        types.forEach((family, type) -> {
            MetricCatalog.Entry entry = catalogEntry(family, types);
            if (entry == null) {
                problems.add(family + " (" + type + ") is not in metrics.tsv");
            } else if (!family.endsWith("_max") && !entry.type().equals(type)) {
                problems.add(family + " is a " + type + ", metrics.tsv says " + entry.type());
            }
        });
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || line.isBlank() || !sample.matches()) {
                continue;
            }
            String family = familyOf(sample.group(1), types);
            MetricCatalog.Entry entry = catalogEntry(family, types);
            if (entry == null) {
                continue;
            }
            Set<String> labels = new TreeSet<>(labels(sample.group(2)).keySet());
            labels.removeAll(COMMON_LABELS);
            if (!entry.type().equals("gauge")) {
                labels.remove("quantile");
            }
            if (!labels.equals(new TreeSet<>(entry.tags()))) {
                problems.add(sample.group(1) + " has labels " + labels + ", metrics.tsv says " + entry.tags());
            }
        }
        assertThat(problems).as("families of %s against the metric catalog", service).isEmpty();
    }

    /** No label value names a bot (so none names a player), and no family explodes into series. */
    private void assertBounded(String service, String scrape) {
        Map<String, Integer> seriesPerMetric = new HashMap<>();
        Set<String> leaks = new HashSet<>();
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || line.isBlank() || !sample.matches()) {
                continue;
            }
            seriesPerMetric.merge(sample.group(1), 1, Integer::sum);
            labels(sample.group(2)).values().stream().filter(v -> v.contains(PREFIX)).forEach(leaks::add);
        }
        assertThat(leaks).as("label values of %s naming a player", service).isEmpty();
        assertThat(seriesPerMetric).as("series per metric of %s", service).allSatisfy((metric, series) ->
                assertThat(series).as(metric).isLessThanOrEqualTo(100));
        assertThat(seriesPerMetric.values().stream().mapToInt(Integer::intValue).sum())
                .as("series exported by %s", service).isLessThan(600);
    }

    private MetricCatalog.Entry catalogEntry(String family, Map<String, String> types) {
        MetricCatalog.Entry entry = catalog.byPrometheusName(family).orElse(null);
        if (entry == null && family.endsWith("_max")) {
            // Micrometer adds a gauge <timer>_max next to each timer and distribution summary.
            entry = catalog.byPrometheusName(family.substring(0, family.length() - 4))
                    .filter(e -> e.type().equals("histogram") || e.type().equals("summary")).orElse(null);
        }
        return entry;
    }

    /** A sample's family: histogram and summary samples add _bucket, _count, _sum; counters _total. */
    private static String familyOf(String metric, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_count", "_sum", "_created")) {
            if (metric.endsWith(suffix) && types.containsKey(metric.substring(0, metric.length() - suffix.length()))) {
                return metric.substring(0, metric.length() - suffix.length());
            }
        }
        return metric;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher m = LABEL.matcher(text);
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
        }
        return labels;
    }
}
