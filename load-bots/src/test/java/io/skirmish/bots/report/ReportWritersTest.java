package io.skirmish.bots.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {

    @TempDir
    Path dir;

    private static SwarmReport report() {
        Histogram rtt = new Histogram(2);
        for (int us = 1_000; us <= 100_000; us += 1_000) {
            rtt.recordValue(us);
        }
        Map<String, Double> totals = new LinkedHashMap<>();
        totals.put("matches_completed", 12.0);
        totals.put("error_rate", 0.0);
        List<TimelineSample> timeline = List.of(
                new TimelineSample(1, 10, 0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
                        Map.of()),
                new TimelineSample(2, 0, 4, 6, 0, 0, 3, 180, 175, 12.5, 40, 800, 1200, 1,
                        Map.of("game-server", 0.4, "redis", 0.05)));
        Slo slo = Slo.parse("rtt-p99=50ms");
        Percentiles rttMs = Percentiles.of(rtt, 1000);
        TimeToMatchSplit split = new TimeToMatchSplit();
        Histogram duelWaits = new Histogram(2);
        duelWaits.recordValue(2_400);
        split.add("duel", duelWaits);
        split.add("solo", duelWaits);
        return new SwarmReport("swarm <test>", "2026-11-25T00:00:00Z", "test machine", "run.sh --bots 10", 2.0,
                Map.of("bots", "10"), totals, rttMs, Percentiles.of(new Histogram(2), 1), split.percentiles(),
                Percentiles.of(new Histogram(2), 1),
                Map.of("queue_timeout", 1L), Map.of("queue_timeout", "no MatchFound for bot-0001 within PT2M"), timeline,
                List.of(new ServiceFigures("game-server", 0.4, Map.of("tick_p99_ms_max", 3.5))),
                List.of(new SloResult(slo, rttMs.p99(), slo.met(rttMs.p99()))));
    }

    @Test
    void percentilesComeFromTheHistogramInMilliseconds() {
        Percentiles p = report().rtt();
        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isBetween(49.0, 51.0);
        assertThat(p.p99()).isBetween(98.0, 101.0);
        assertThat(report().timeToMatch().p50()).isNaN();
    }

    @Test
    void jsonCarriesEveryFigureWithMissingOnesAsNull() throws Exception {
        Path json = dir.resolve("r.json");
        JsonReportWriter.write(report(), json);

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("totals").path("matches_completed").asDouble()).isEqualTo(12.0);
        assertThat(root.path("rtt_ms").path("count").asLong()).isEqualTo(100);
        assertThat(root.path("time_to_match_ms").path("p50").isNull()).isTrue();
        JsonNode byGroup = root.path("time_to_match_ms_by_group");
        assertThat(byGroup.fieldNames()).toIterable().containsExactly("duel", "squad", "ffa", "solo", "party");
        assertThat(byGroup.path("duel").path("count").asLong()).isEqualTo(1);
        assertThat(byGroup.path("duel").path("max").asDouble()).isCloseTo(2_400.0, withinPercentage(1));
        assertThat(byGroup.path("squad").path("count").asLong()).isZero();
        assertThat(byGroup.path("squad").path("p99").isNull()).isTrue();
        assertThat(root.path("errors").path("queue_timeout").asLong()).isEqualTo(1);
        assertThat(root.path("error_examples").path("queue_timeout").asText()).contains("bot-0001");
        assertThat(root.path("slos").get(0).path("met").asBoolean()).isFalse();
        assertThat(root.path("slos_met").asBoolean()).isFalse();
        assertThat(root.path("timeline")).hasSize(2);
        assertThat(root.path("timeline").get(1).path("cpu_cores").path("game-server").asDouble()).isEqualTo(0.4);
        assertThat(root.path("services").get(0).path("tick_p99_ms_max").asDouble()).isEqualTo(3.5);
    }

    @Test
    void htmlIsOneSelfContainedPageWithChartsAndTheVerdict() throws Exception {
        Path html = dir.resolve("r.html");
        HtmlReportWriter.write(report(), html);

        String page = Files.readString(html);
        assertThat(page).startsWith("<!doctype html>").endsWith("</html>\n");
        assertThat(page).doesNotContain("<script").doesNotContain("src=\"http");
        assertThat(page).contains("swarm &lt;test&gt;").contains("MISSED").contains("rtt-p99&lt;=50ms");
        assertThat(page.split("<svg", -1)).hasSize(1 + 7);
        assertThat(page).contains("CPU per service (cores)").contains("queue_timeout");
        assertThat(page).contains("time to match: duel").contains("time to match: party");
    }

    @Test
    void chartsSkipMissingPointsAndRefuseMismatchedSeries() {
        String svg = new SvgLineChart("t", "s", new double[] {0, 1, 2})
                .series("a", "#000", new double[] {1, Double.NaN, 3}).goal(2, "goal").render();
        assertThat(svg).contains("<polyline").contains("goal");
        String points = svg.substring(svg.indexOf("points=\"") + 8);
        assertThat(points.substring(0, points.indexOf('"')).split(" ")).hasSize(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SvgLineChart("t", "s", new double[] {0, 1})
                .series("a", "#000", new double[] {1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void markedPointsGetADotAndAnXLabelEach() {
        String svg = new SvgLineChart("t", "players", new double[] {100, 200, 400})
                .series("p99", "#d0021b", new double[] {1, 2, Double.NaN}).markPoints().render();

        assertThat(svg.split("<circle", -1)).hasSize(1 + 2);
        assertThat(svg).contains(">100</text>").contains(">200</text>").contains(">400</text>");
    }
}
