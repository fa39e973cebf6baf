package io.skirmish.kit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {

    /** The operations guide, from this module's directory (where Maven runs the tests). */
    private static final Path OPERATIONS = Path.of("..", "docs", "operations.md");
    private static final String START = "<!-- metric table: generated from metrics.tsv by MetricCatalogTest -->\n";
    private static final String END = "<!-- end of metric table -->";

    private final MetricCatalog catalog = MetricCatalog.standard();

    /**
     * The table in docs/operations.md is the catalog's; run with
     * {@code -Dskirmish.docs.write=true} to rewrite it after editing metrics.tsv.
     */
    @Test
    void operationsGuideListsEveryMeterOfTheCatalog() throws IOException {
        String doc = Files.readString(OPERATIONS, StandardCharsets.UTF_8);
        int start = doc.indexOf(START);
        assertThat(start).as("table start marker in %s", OPERATIONS).isNotNegative();
        assertThat(doc.indexOf(END)).as("table end marker").isGreaterThan(start);
        String table = catalog.markdownTable();
        if (Boolean.getBoolean("skirmish.docs.write")) {
            doc = doc.substring(0, start + START.length()) + table + doc.substring(doc.indexOf(END));
            Files.writeString(OPERATIONS, doc, StandardCharsets.UTF_8);
        }
        int end = doc.indexOf(END);
        assertThat(doc.substring(start + START.length(), end)).isEqualTo(table);
    }

    @Test
    void prometheusNamesFollowTheNamingRulesPromtoolChecks() {
        assertThat(catalog.entries()).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.prometheus()).matches("[a-z][a-z0-9_]*")
                    .doesNotContainPattern("_(ns|us|ms|kb|mb|gb|secs?|millis|nanos)(_|$)");
            assertThat(entry.type()).isIn("counter", "gauge", "histogram", "summary");
            if (entry.type().equals("counter")) {
                assertThat(entry.prometheus()).endsWith("_total");
            } else {
                assertThat(entry.prometheus()).doesNotEndWith("_total").doesNotEndWith("_count")
                        .doesNotEndWith("_sum").doesNotEndWith("_bucket");
            }
            assertThat(entry.tags()).allSatisfy(tag -> assertThat(tag).matches("[a-z_]+")
                    .isNotIn("service", "instance", "player", "player_id", "match", "match_id", "session", "ticket"));
            assertThat(entry.meaning()).isNotBlank();
        });
    }

    @Test
    void registeredMetersCarryTheCatalogsHelpTextWhateverTheCodeSaid() {
        PrometheusMeterRegistry registry = MeterRegistries.prometheus("probe", "probe-1");
        try {
            Counter.builder("game.ticks").description("something else").register(registry).increment();

            String scrape = registry.scrape();

            assertThat(scrape).contains("# HELP game_ticks_total "
                    + catalog.byMeter("game.ticks").orElseThrow().meaning() + "\n");
        } finally {
            registry.close();
        }
    }

    @Test
    void processCpuIsExportedInSecondsAndCoresAsAPlainGauge() {
        PrometheusMeterRegistry registry = MeterRegistries.prometheus("probe", "probe-1");
        try {
            String scrape = registry.scrape();

            assertThat(scrape).contains("# TYPE process_cpu_seconds_total counter")
                    .contains("# TYPE system_cpu_cores gauge")
                    .doesNotContain("process_cpu_time_ns").doesNotContain("system_cpu_count");
        } finally {
            registry.close();
        }
    }
}
