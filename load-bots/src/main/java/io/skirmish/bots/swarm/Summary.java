package io.skirmish.bots.swarm;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.skirmish.bots.report.Figures;
import io.skirmish.bots.report.Percentiles;
import io.skirmish.bots.report.ServiceFigures;
import io.skirmish.bots.report.SwarmReport;

/** The end-of-run summary printed to the console: the few figures people ask for first. */
final class Summary {

    private Summary() {
    }

    /** The totals worth a line; bot_ticks_skipped above zero says the swarm itself ran short of CPU. */
    private static final Set<String> SHOWN_TOTALS = Set.of("matches_completed", "matches_per_s",
            "inputs_per_s", "snapshots_per_s", "bot_ticks_skipped", "errors", "error_rate");

    static String text(SwarmReport report) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%n== swarm summary: %s s ==%n", Figures.format(report.durationSeconds())));
        report.totals().forEach((name, value) -> {
            if (SHOWN_TOTALS.contains(name)) {
                text.append(String.format(Locale.ROOT, "%-20s %s%n", name, Figures.format(value)));
            }
        });
        line(text, "rtt ms", report.rtt());
        line(text, "time to match ms", report.timeToMatch());
        report.timeToMatchByGroup().forEach((group, p) -> line(text, "  " + group, p));
        line(text, "rank update ms", report.rankUpdate());
        report.errorsByKind().forEach((kind, count) -> text.append(String.format(Locale.ROOT, "error %-14s %d (%s)%n",
                kind, count, report.errorExamples().getOrDefault(kind, ""))));
        for (ServiceFigures service : report.services()) {
            text.append(String.format(Locale.ROOT, "%-20s cpu %s cores %s%n", service.name(),
                    Figures.format(service.cpuCores()), service.figures()));
        }
        return text.toString();
    }

    /** The header of {@link #markdownRow}'s table. */
    static final String MARKDOWN_HEADER = "| bots | matches/s | time to match p50 / p99 ms | rtt p50 / p99 ms "
            + "| rank update p99 ms | game tick p99 ms (median / max) | events/s into ES | error rate "
            + "| CPU cores: game / match / ranking / shipper / redis / ES / bots |";

    /** The run as one Markdown table row, for docs/performance.md (bench/swarm.sh collects them). */
    static String markdownRow(SwarmReport report) {
        Map<String, ServiceFigures> services = new HashMap<>();
        report.services().forEach(service -> services.put(service.name(), service));
        String cpu = String.join(" / ", java.util.stream.Stream.of("game-server", "match-server", "ranking-server",
                "log-shipper", "redis", "elasticsearch", "bot-swarm").map(name -> services.containsKey(name)
                ? Figures.format(services.get(name).cpuCores()) : "n/a").toList());
        ServiceFigures game = services.get("game-server");
        ServiceFigures es = services.get("elasticsearch");
        return String.format(Locale.ROOT, "| %s | %s | %s / %s | %s / %s | %s | %s / %s | %s | %s | %s |",
                Figures.format(report.totals().getOrDefault("bots", Double.NaN)),
                Figures.format(report.totals().getOrDefault("matches_per_s", Double.NaN)),
                Figures.format(report.timeToMatch().p50()), Figures.format(report.timeToMatch().p99()),
                Figures.format(report.rtt().p50()), Figures.format(report.rtt().p99()),
                Figures.format(report.rankUpdate().p99()),
                figure(game, "tick_p99_ms_median"), figure(game, "tick_p99_ms_max"),
                figure(es, "docs_searchable_per_s"),
                Figures.format(report.totals().getOrDefault("error_rate", Double.NaN)), cpu);
    }

    private static String figure(ServiceFigures service, String name) {
        return service == null ? "n/a" : Figures.format(service.figures().getOrDefault(name, Double.NaN));
    }

    private static void line(StringBuilder text, String name, Percentiles p) {
        text.append(String.format(Locale.ROOT, "%-20s p50 %s p90 %s p99 %s max %s (n=%d)%n", name,
                Figures.format(p.p50()), Figures.format(p.p90()), Figures.format(p.p99()), Figures.format(p.max()),
                p.count()));
    }
}
