package io.skirmish.bots.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.skirmish.bots.report.Figures;
import io.skirmish.bots.report.SvgLineChart;

/**
 * Writes a benchmark run as JSON (for tools) and as one self-contained HTML page (table plus
 * inline SVG charts, no script, no external resource), and as a Markdown table for
 * {@code docs/performance.md}.
 */
final class BenchReport {

    /** What the run was: machine, settings, command. */
    record Run(String startedAt, String host, int cores, String jvm, String command, int tickRateHz,
               int ioThreads, int udpSockets, double warmupSeconds, double measureSeconds, String serverId) {
    }

    private final Run run;
    private final List<StepResult> steps;
    /** The UDP floor's server share measured in the same run, by player count (may be empty). */
    private final Map<Integer, FloorShare> floor;

    BenchReport(Run run, List<StepResult> steps) {
        this(run, steps, Map.of());
    }

    BenchReport(Run run, List<StepResult> steps, Map<Integer, FloorShare> floor) {
        this.run = run;
        this.steps = List.copyOf(steps);
        this.floor = Map.copyOf(floor);
    }

    double budgetMs() {
        return 1000.0 / run.tickRateHz();
    }

    /** The largest step that met every goal, or null. */
    StepResult lastPassing() {
        StepResult last = null;
        for (StepResult step : steps) {
            if (step.meetsGoals(run.tickRateHz())) {
                last = step;
            }
        }
        return last;
    }

    /** The smallest step that missed a goal, or null. */
    StepResult firstFailing() {
        for (StepResult step : steps) {
            if (!step.meetsGoals(run.tickRateHz())) {
                return step;
            }
        }
        return null;
    }

    String knee() {
        StepResult pass = lastPassing();
        StepResult fail = firstFailing();
        if (fail == null) {
            return "no knee within the steps run: every step met the goals (largest " + (pass == null ? "-"
                    : pass.players()) + " players)";
        }
        return String.format(Locale.ROOT, "goals met up to %s players; first miss at %d players: %s",
                pass == null ? "no step's" : Integer.toString(pass.players()), fail.players(),
                fail.failures(run.tickRateHz()));
    }

    void writeJson(Path path) throws IOException {
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
             JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeObjectFieldStart("run");
            json.writeStringField("started_at", run.startedAt());
            json.writeStringField("host", run.host());
            json.writeNumberField("cores", run.cores());
            json.writeStringField("jvm", run.jvm());
            json.writeStringField("command", run.command());
            json.writeStringField("mode", "ffa");
            json.writeNumberField("players_per_match", MatchAllocator.PLAYERS_PER_MATCH);
            json.writeNumberField("tick_rate_hz", run.tickRateHz());
            json.writeNumberField("tick_budget_ms", budgetMs());
            json.writeNumberField("client_io_threads", run.ioThreads());
            json.writeNumberField("client_udp_sockets", run.udpSockets());
            json.writeNumberField("warmup_s", run.warmupSeconds());
            json.writeNumberField("measure_s", run.measureSeconds());
            json.writeStringField("server_id", run.serverId());
            json.writeEndObject();
            json.writeStringField("knee", knee());
            json.writeArrayFieldStart("steps");
            for (StepResult step : steps) {
                json.writeStartObject();
                writeComponents(json, step);
                json.writeBooleanField("meets_goals", step.meetsGoals(run.tickRateHz()));
                json.writeStringField("missed", step.failures(run.tickRateHz()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** A record's numeric components as snake_case fields; a nested record as an object of its own. */
    private static void writeComponents(JsonGenerator json, Record record) throws IOException {
        for (var component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String name = snake(component.getName());
            if (value instanceof Double d) {
                json.writeNumberField(name, Double.isFinite(d) ? Math.round(d * 1000) / 1000.0 : -1);
            } else if (value instanceof Long l) {
                json.writeNumberField(name, l);
            } else if (value instanceof Record nested) {
                json.writeObjectFieldStart(name);
                writeComponents(json, nested);
                json.writeEndObject();
            } else {
                json.writeNumberField(name, (Integer) value);
            }
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The figures as a Markdown table (the same columns as the HTML one). */
    String markdownTable() {
        StringBuilder out = new StringBuilder();
        out.append("| players | tick p50 / p99 / max ms | overruns | CPU server / client / machine (cores) "
                + "| of which kernel, server / client | CPU us per player-tick | packets/s in / out "
                + "| B/player/s in / out | server alloc MB/s | input-to-visible p50 / p99 ms | goals |\n");
        out.append("|---:|---|---:|---|---|---:|---|---|---:|---|---|\n");
        for (StepResult s : steps) {
            out.append(String.format(Locale.ROOT,
                    "| %d | %.2f / %.2f / %.2f | %d | %.2f / %.2f / %.2f | %.2f / %.2f | %.1f | %.0f / %.0f "
                            + "| %.0f / %.0f | %.1f | %.1f / %.1f | %s |\n",
                    s.players(), s.tickP50Ms(), s.tickP99Ms(), s.tickMaxMs(), s.overruns(), s.serverCpu(),
                    s.clientCpu(), s.machineCpu(), s.serverKernelCpu(), s.clientKernelCpu(),
                    s.cpuMicrosPerPlayerTick(run.tickRateHz()), s.packetsInPerS(), s.packetsOutPerS(),
                    s.bytesInPerPlayerS(),
                    s.bytesOutPerPlayerS(), s.serverAllocMBps(), s.latencyP50Ms(), s.latencyP99Ms(),
                    s.meetsGoals(run.tickRateHz()) ? "met" : "missed: " + s.failures(run.tickRateHz())));
        }
        return out.toString();
    }

    /**
     * The server's CPU per player-tick, user and kernel apart, next to the UDP floor's server
     * share for the same player count from the same run, and how far above the floor it is.
     */
    String floorTable() {
        StringBuilder out = new StringBuilder();
        out.append("| players | server CPU (cores) | server us per player-tick: user / kernel / total "
                + "| floor server (same run): user / kernel / total | above the floor |\n");
        out.append("|---:|---:|---|---|---|\n");
        for (StepResult s : steps) {
            double playerTicks = (double) s.players() * run.tickRateHz();
            double kernel = s.serverKernelCpu() * 1e6 / playerTicks;
            double total = s.serverCpu() * 1e6 / playerTicks;
            FloorShare f = floor.get(s.players());
            String floorCells = f == null ? "n/a | n/a" : String.format(Locale.ROOT, "%.1f / %.1f / %.1f | %.1fx (+%.1f us)",
                    f.userMicrosPerPlayerTick(), f.kernelMicrosPerPlayerTick(), f.microsPerPlayerTick(),
                    total / f.microsPerPlayerTick(), total - f.microsPerPlayerTick());
            out.append(String.format(Locale.ROOT, "| %d | %.2f | %.1f / %.1f / %.1f | %s |\n", s.players(), s.serverCpu(),
                    total - kernel, kernel, total, floorCells));
        }
        return out.toString();
    }

    /**
     * Where the input-to-visible latency went ({@link LatencySplit}): the server's own stages
     * (median of its per-second percentiles), the client's read delay, and what is left outside
     * the server (input-to-visible minus the server residence, percentile by percentile).
     */
    String splitTable() {
        StringBuilder out = new StringBuilder();
        out.append("| players | input-to-visible p50 / p99 ms | server: read to tick p50 / p99 | sender wake p99 "
                + "| tick to socket p50 / p99 | server residence (read to socket) p50 / p99 "
                + "| outside the server p50 / p99 | client read delay p50 / p99 "
                + "| receive-buffer drops/s server / clients |\n");
        out.append("|---:|---|---|---:|---|---|---|---|---|\n");
        for (StepResult s : steps) {
            LatencySplit x = s.split();
            out.append(String.format(Locale.ROOT,
                    "| %d | %.1f / %.1f | %.1f / %.1f | %.2f | %.2f / %.2f | %.1f / %.1f | %.1f / %.1f | %.2f / %.2f "
                            + "| %.0f / %.0f |\n",
                    s.players(), s.latencyP50Ms(), s.latencyP99Ms(), x.inputToTickP50Ms(), x.inputToTickP99Ms(),
                    x.senderWakeP99Ms(), x.tickToSocketP50Ms(), x.tickToSocketP99Ms(), x.residenceP50Ms(),
                    x.residenceP99Ms(), s.latencyP50Ms() - x.residenceP50Ms(), s.latencyP99Ms() - x.residenceP99Ms(),
                    x.clientReadDelayP50Ms(), x.clientReadDelayP99Ms(), x.serverSocketDropsPerS(),
                    x.clientSocketDropsPerS()));
        }
        return out.toString();
    }

    /**
     * The same latency per input on the clients' clock ({@link ClientSplit}): the inputs that
     * missed their first tick (way in), the snapshots' delay (way out), and the p99 without
     * each, so the side that holds the excess over the wait for the tick shows directly.
     */
    String perInputTable() {
        StringBuilder out = new StringBuilder();
        out.append("| players | input-to-visible p99 ms | way in: missed their first tick, all / sent 1 ms+ before it "
                + "| missed, sent before the tick p50 / p99 ms | way out: snapshot delay p50 / p99 ms "
                + "| p99 had every input made its tick | p99 had every snapshot come quickest "
                + "| client send lag p99 ms |\n");
        out.append("|---:|---:|---|---|---|---:|---:|---:|\n");
        for (StepResult s : steps) {
            ClientSplit c = s.split().clients();
            out.append(String.format(Locale.ROOT,
                    "| %d | %.1f | %.2f %% / %.2f %% | %.2f / %.2f | %.2f / %.2f | %.1f | %.1f | %.2f |\n",
                    s.players(), s.latencyP99Ms(), c.missedShare() * 100, c.missedLateShare() * 100,
                    c.missedByP50Ms(), c.missedByP99Ms(), c.snapshotDelayP50Ms(), c.snapshotDelayP99Ms(),
                    c.ifOnTimeP99Ms(), c.ifQuickestP99Ms(), c.clientSendLagP99Ms()));
        }
        return out.toString();
    }

    void writeHtml(Path path) throws IOException {
        StringWriter html = new StringWriter();
        html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Skirmish game-server load benchmark")
                .append("</title><style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:")
                .append("collapse;font-size:13px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("th{background:#f4f4f4}.miss{background:#fde2e2}.met{background:#e2f7e2}")
                .append("svg{margin:1em 2em 1em 0;border:1px solid #ddd}code{background:#f4f4f4;padding:2px}")
                .append("</style></head><body>");
        html.append("<h1>game-server load benchmark</h1><p>").append(escape(run.startedAt())).append(" on ")
                .append(escape(run.host())).append(", ").append(Integer.toString(run.cores()))
                .append(" cores, ").append(escape(run.jvm())).append(". FFA matches of ")
                .append(Integer.toString(MatchAllocator.PLAYERS_PER_MATCH)).append(" players at ")
                .append(Integer.toString(run.tickRateHz())).append(" Hz (tick budget ")
                .append(fmt(budgetMs())).append(" ms); server and clients on the same machine over loopback.</p>")
                .append("<p>Command: <code>").append(escape(run.command())).append("</code></p>")
                .append("<p><b>Knee:</b> ").append(escape(knee())).append("</p>");
        html.append("<table><tr><th>players</th><th>connected</th><th>tick p50 ms</th><th>tick p99 ms</th>")
                .append("<th>tick max ms</th><th>overruns</th><th>server CPU</th><th>client CPU</th>")
                .append("<th>machine CPU</th><th>server kernel CPU</th><th>client kernel CPU</th>")
                .append("<th>CPU us per player-tick</th><th>packets/s in</th><th>packets/s out</th><th>B/player/s in</th>")
                .append("<th>B/player/s out</th><th>server alloc MB/s</th><th>latency p50 ms</th>")
                .append("<th>latency p99 ms</th><th>latency max ms</th><th>goals</th></tr>");
        for (StepResult s : steps) {
            boolean met = s.meetsGoals(run.tickRateHz());
            html.append("<tr class=\"").append(met ? "met" : "miss").append("\">");
            for (double value : new double[] {s.players(), s.connected(), s.tickP50Ms(), s.tickP99Ms(), s.tickMaxMs(),
                    s.overruns(), s.serverCpu(), s.clientCpu(), s.machineCpu(), s.serverKernelCpu(),
                    s.clientKernelCpu(), s.cpuMicrosPerPlayerTick(run.tickRateHz()), s.packetsInPerS(), s.packetsOutPerS(),
                    s.bytesInPerPlayerS(), s.bytesOutPerPlayerS(), s.serverAllocMBps(), s.latencyP50Ms(),
                    s.latencyP99Ms(), s.latencyMaxMs()}) {
                html.append("<td>").append(fmt(value)).append("</td>");
            }
            html.append("<td style=\"text-align:left\">").append(met ? "met" : escape(s.failures(run.tickRateHz())))
                    .append("</td></tr>");
        }
        html.append("</table>");
        html.append("<h2>Where the input-to-visible latency went (ms)</h2><table><tr><th>players</th>")
                .append("<th>input-to-visible p99</th><th>server: read to tick p99</th><th>sender wake p99</th>")
                .append("<th>tick to socket p99</th><th>server residence p99</th><th>outside the server p99</th>")
                .append("<th>client read delay p99</th></tr>");
        for (StepResult s : steps) {
            LatencySplit x = s.split();
            html.append("<tr>");
            for (double value : new double[] {s.players(), s.latencyP99Ms(), x.inputToTickP99Ms(), x.senderWakeP99Ms(),
                    x.tickToSocketP99Ms(), x.residenceP99Ms(), s.latencyP99Ms() - x.residenceP99Ms(),
                    x.clientReadDelayP99Ms()}) {
                html.append("<td>").append(fmt(value)).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
        html.append(chart("Tick duration (ms)", budgetMs() / 4, "goal: p99 < 25% of budget",
                List.of(series("p50", "#4a90d9", StepResult::tickP50Ms), series("p99", "#d0021b", StepResult::tickP99Ms),
                        series("max", "#999999", StepResult::tickMaxMs))));
        html.append(chart("Input-to-visible latency (ms)", budgetMs() + 5, "goal: p99 <= tick + 5 ms",
                List.of(series("p50", "#4a90d9", StepResult::latencyP50Ms),
                        series("p99", "#d0021b", StepResult::latencyP99Ms))));
        html.append(chart("CPU (cores)", run.cores(), "machine cores",
                List.of(series("server", "#d0021b", StepResult::serverCpu),
                        series("client", "#4a90d9", StepResult::clientCpu),
                        series("machine", "#999999", StepResult::machineCpu))));
        html.append("</body></html>\n");
        Files.writeString(path, html.toString(), StandardCharsets.UTF_8);
    }

    /** A line chart over the run's steps, players on x, with one dashed goal line. */
    private String chart(String title, double goal, String goalLabel, List<Series> series) {
        double[] players = steps.stream().mapToDouble(StepResult::players).toArray();
        SvgLineChart chart = new SvgLineChart(title, "players", players).goal(goal, goalLabel).markPoints();
        for (Series s : series) {
            chart.series(s.name(), s.color(), steps.stream().mapToDouble(s.value()).toArray());
        }
        return chart.render();
    }

    private record Series(String name, String color, ToDoubleFunction<StepResult> value) {
    }

    private static Series series(String name, String color, ToDoubleFunction<StepResult> value) {
        return new Series(name, color, value);
    }

    private static String fmt(double value) {
        return Figures.format(value);
    }

    private static String escape(String text) {
        return Figures.escapeHtml(text);
    }
}
