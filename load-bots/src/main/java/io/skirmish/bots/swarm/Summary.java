package io.skirmish.bots.swarm;

import java.util.Locale;

import io.skirmish.bots.report.Figures;
import io.skirmish.bots.report.Percentiles;
import io.skirmish.bots.report.ServiceFigures;
import io.skirmish.bots.report.SwarmReport;

/** The end-of-run summary printed to the console: the few figures people ask for first. */
final class Summary {

    private Summary() {
    }

    static String text(SwarmReport report) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%n== swarm summary: %s s ==%n", Figures.format(report.durationSeconds())));
        report.totals().forEach((name, value) -> {
            if (name.equals("matches_completed") || name.equals("matches_per_s") || name.equals("inputs_per_s")
                    || name.equals("snapshots_per_s") || name.equals("errors") || name.equals("error_rate")) {
                text.append(String.format(Locale.ROOT, "%-20s %s%n", name, Figures.format(value)));
            }
        });
        line(text, "rtt ms", report.rtt());
        line(text, "time to match ms", report.timeToMatch());
        line(text, "rank update ms", report.rankUpdate());
        report.errorsByKind().forEach((kind, count) -> text.append(String.format(Locale.ROOT, "error %-14s %d%n",
                kind, count)));
        for (ServiceFigures service : report.services()) {
            text.append(String.format(Locale.ROOT, "%-20s cpu %s cores %s%n", service.name(),
                    Figures.format(service.cpuCores()), service.figures()));
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String name, Percentiles p) {
        text.append(String.format(Locale.ROOT, "%-20s p50 %s p90 %s p99 %s max %s (n=%d)%n", name,
                Figures.format(p.p50()), Figures.format(p.p90()), Figures.format(p.p99()), Figures.format(p.max()),
                p.count()));
    }
}
