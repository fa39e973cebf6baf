package io.skirmish.bots.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The report people look at: one self-contained HTML page (inline SVG, no script) with the
 * verdict, the figures, and charts over time: bots by state, matches, round trip and time to
 * match percentiles, errors, and CPU per service.
 */
public final class HtmlReportWriter {

    private static final String[] PALETTE = {"#4a90d9", "#d0021b", "#f5a623", "#7ed321", "#9013fe", "#50e3c2",
        "#8b572a", "#999999"};

    private HtmlReportWriter() {
    }

    public static void write(SwarmReport report, Path path) throws IOException {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(Figures.escapeHtml(report.title())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;")
                .append("font-size:13px;margin:0 2em 1em 0;display:inline-table;vertical-align:top}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}")
                .append("td:first-child{text-align:left}.miss{background:#fde2e2}.met{background:#e2f7e2}")
                .append("svg{margin:1em 1em 1em 0;border:1px solid #ddd}code{background:#f4f4f4;padding:2px}")
                .append("</style></head><body>");
        html.append("<h1>").append(Figures.escapeHtml(report.title())).append("</h1>");
        html.append("<p>").append(Figures.escapeHtml(report.startedAt())).append(", ")
                .append(Figures.format(report.durationSeconds())).append(" s on ")
                .append(Figures.escapeHtml(report.machine())).append("</p>");
        html.append("<p>Command: <code>").append(Figures.escapeHtml(report.command())).append("</code></p>");
        verdict(html, report);
        table(html, "Settings", report.settings());
        html.append("<table><tr><th>Totals</th><th></th></tr>");
        report.totals().forEach((name, value) -> row(html, name, Figures.format(value)));
        html.append("</table>");
        latencies(html, report);
        html.append("<table><tr><th>Errors</th><th>count</th><th>first seen</th></tr>");
        if (report.errorsByKind().isEmpty()) {
            row(html, "none", "0");
        }
        report.errorsByKind().forEach((kind, count) -> html.append("<tr><td>").append(Figures.escapeHtml(kind))
                .append("</td><td>").append(count).append("</td><td style=\"text-align:left\">")
                .append(Figures.escapeHtml(report.errorExamples().getOrDefault(kind, ""))).append("</td></tr>"));
        html.append("</table>");
        services(html, report.services());
        charts(html, report.timeline());
        html.append("</body></html>\n");
        Files.writeString(path, html.toString(), StandardCharsets.UTF_8);
    }

    private static void verdict(StringBuilder html, SwarmReport report) {
        if (report.slos().isEmpty()) {
            html.append("<p>No thresholds were set (<code>--slo</code>).</p>");
            return;
        }
        html.append("<table><tr><th>Threshold</th><th>actual</th><th>verdict</th></tr>");
        for (SloResult slo : report.slos()) {
            html.append("<tr class=\"").append(slo.met() ? "met" : "miss").append("\"><td>")
                    .append(Figures.escapeHtml(slo.slo().describe())).append("</td><td>")
                    .append(Figures.format(slo.actual())).append("</td><td>").append(slo.met() ? "met" : "MISSED")
                    .append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void table(StringBuilder html, String title, Map<String, String> rows) {
        html.append("<table><tr><th>").append(title).append("</th><th></th></tr>");
        rows.forEach((name, value) -> row(html, name, value));
        html.append("</table>");
    }

    private static void latencies(StringBuilder html, SwarmReport report) {
        html.append("<table><tr><th>Latency (ms)</th><th>count</th><th>p50</th><th>p90</th><th>p99</th>")
                .append("<th>p99.9</th><th>max</th></tr>");
        latencyRow(html, "input to snapshot round trip", report.rtt());
        latencyRow(html, "time to match", report.timeToMatch());
        report.timeToMatchByGroup().forEach((group, p) -> latencyRow(html, "&nbsp;&nbsp;time to match: " + group, p));
        latencyRow(html, "match end to new rating readable", report.rankUpdate());
        html.append("</table>");
    }

    private static void latencyRow(StringBuilder html, String name, Percentiles p) {
        html.append("<tr><td>").append(name).append("</td><td>").append(p.count()).append("</td>");
        for (double v : new double[] {p.p50(), p.p90(), p.p99(), p.p999(), p.max()}) {
            html.append("<td>").append(Figures.format(v)).append("</td>");
        }
        html.append("</tr>");
    }

    private static void services(StringBuilder html, List<ServiceFigures> services) {
        if (services.isEmpty()) {
            return;
        }
        html.append("<table><tr><th>Service</th><th>CPU (cores)</th><th>figures</th></tr>");
        for (ServiceFigures service : services) {
            StringBuilder figures = new StringBuilder();
            service.figures().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(f -> figures.append(f.getKey()).append(' ').append(Figures.format(f.getValue())).append("; "));
            html.append("<tr><td>").append(Figures.escapeHtml(service.name())).append("</td><td>")
                    .append(Figures.format(service.cpuCores())).append("</td><td style=\"text-align:left\">")
                    .append(Figures.escapeHtml(figures.toString())).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void charts(StringBuilder html, List<TimelineSample> timeline) {
        if (timeline.isEmpty()) {
            return;
        }
        double[] t = values(timeline, TimelineSample::atSeconds);
        html.append("<div>");
        html.append(new SvgLineChart("Bots by state", "seconds", t)
                .series("queued", PALETTE[0], values(timeline, TimelineSample::queued))
                .series("in match", PALETTE[1], values(timeline, TimelineSample::inMatch))
                .series("reading rank", PALETTE[2], values(timeline, TimelineSample::ranking))
                .series("starting", PALETTE[7], values(timeline, TimelineSample::starting)).render());
        html.append(new SvgLineChart("Matches completed", "seconds", t)
                .series("matches", PALETTE[1], values(timeline, s -> s.matchesCompleted())).render());
        html.append(new SvgLineChart("Input-to-snapshot round trip (ms)", "seconds", t)
                .series("p50", PALETTE[0], values(timeline, TimelineSample::rttP50Ms))
                .series("p99", PALETTE[1], values(timeline, TimelineSample::rttP99Ms)).render());
        html.append(new SvgLineChart("Time to match (ms)", "seconds", t)
                .series("p50", PALETTE[0], values(timeline, TimelineSample::timeToMatchP50Ms))
                .series("p99", PALETTE[1], values(timeline, TimelineSample::timeToMatchP99Ms)).render());
        html.append(new SvgLineChart("Traffic (per second)", "seconds", t)
                .series("inputs", PALETTE[0], values(timeline, TimelineSample::inputsPerSecond))
                .series("snapshots", PALETTE[1], values(timeline, TimelineSample::snapshotsPerSecond)).render());
        html.append(new SvgLineChart("Errors (per interval)", "seconds", t)
                .series("errors", PALETTE[1], values(timeline, s -> s.errors())).render());
        TreeSet<String> services = new TreeSet<>();
        timeline.forEach(s -> services.addAll(s.serviceCpuCores().keySet()));
        if (!services.isEmpty()) {
            SvgLineChart cpu = new SvgLineChart("CPU per service (cores)", "seconds", t);
            int color = 0;
            for (String service : services) {
                cpu.series(service, PALETTE[color++ % PALETTE.length],
                        values(timeline, s -> s.serviceCpuCores().getOrDefault(service, Double.NaN)));
            }
            html.append(cpu.render());
        }
        html.append("</div>");
    }

    private static double[] values(List<TimelineSample> timeline, ToDoubleFunction<TimelineSample> value) {
        return timeline.stream().mapToDouble(value).toArray();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><td>").append(Figures.escapeHtml(name)).append("</td><td>").append(Figures.escapeHtml(value))
                .append("</td></tr>");
    }
}
