package io.skirmish.bots.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** The machine-readable report: every figure of {@link SwarmReport}, NaN written as null. */
public final class JsonReportWriter {

    private JsonReportWriter() {
    }

    public static void write(SwarmReport report, Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path);
             JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("title", report.title());
            json.writeStringField("started_at", report.startedAt());
            json.writeStringField("machine", report.machine());
            json.writeStringField("command", report.command());
            number(json, "duration_s", report.durationSeconds());
            json.writeObjectFieldStart("settings");
            for (Map.Entry<String, String> setting : report.settings().entrySet()) {
                json.writeStringField(setting.getKey(), setting.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("totals");
            for (Map.Entry<String, Double> total : report.totals().entrySet()) {
                number(json, total.getKey(), total.getValue());
            }
            json.writeEndObject();
            percentiles(json, "rtt_ms", report.rtt());
            percentiles(json, "time_to_match_ms", report.timeToMatch());
            json.writeObjectFieldStart("time_to_match_ms_by_group");
            for (Map.Entry<String, Percentiles> group : report.timeToMatchByGroup().entrySet()) {
                percentiles(json, group.getKey(), group.getValue());
            }
            json.writeEndObject();
            percentiles(json, "rank_update_ms", report.rankUpdate());
            json.writeObjectFieldStart("errors");
            for (Map.Entry<String, Long> error : report.errorsByKind().entrySet()) {
                json.writeNumberField(error.getKey(), error.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("error_examples");
            for (Map.Entry<String, String> example : report.errorExamples().entrySet()) {
                json.writeStringField(example.getKey(), example.getValue());
            }
            json.writeEndObject();
            json.writeArrayFieldStart("services");
            for (ServiceFigures service : report.services()) {
                json.writeStartObject();
                json.writeStringField("name", service.name());
                number(json, "cpu_cores", service.cpuCores());
                for (Map.Entry<String, Double> figure : service.figures().entrySet()) {
                    number(json, figure.getKey(), figure.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("slos");
            for (SloResult slo : report.slos()) {
                json.writeStartObject();
                json.writeStringField("slo", slo.slo().describe());
                number(json, "actual", slo.actual());
                json.writeBooleanField("met", slo.met());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeBooleanField("slos_met", report.slosMet());
            json.writeArrayFieldStart("timeline");
            for (TimelineSample s : report.timeline()) {
                json.writeStartObject();
                number(json, "t_s", s.atSeconds());
                json.writeNumberField("starting", s.starting());
                json.writeNumberField("queued", s.queued());
                json.writeNumberField("in_match", s.inMatch());
                json.writeNumberField("ranking", s.ranking());
                json.writeNumberField("stopped", s.stopped());
                json.writeNumberField("matches_completed", s.matchesCompleted());
                number(json, "inputs_per_s", s.inputsPerSecond());
                number(json, "snapshots_per_s", s.snapshotsPerSecond());
                number(json, "rtt_p50_ms", s.rttP50Ms());
                number(json, "rtt_p99_ms", s.rttP99Ms());
                number(json, "ttm_p50_ms", s.timeToMatchP50Ms());
                number(json, "ttm_p99_ms", s.timeToMatchP99Ms());
                json.writeNumberField("errors", s.errors());
                json.writeObjectFieldStart("cpu_cores");
                for (Map.Entry<String, Double> cpu : s.serviceCpuCores().entrySet()) {
                    number(json, cpu.getKey(), cpu.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void percentiles(JsonGenerator json, String name, Percentiles p) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeNumberField("count", p.count());
        number(json, "p50", p.p50());
        number(json, "p90", p.p90());
        number(json, "p99", p.p99());
        number(json, "p999", p.p999());
        number(json, "max", p.max());
        json.writeEndObject();
    }

    private static void number(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(name, value);
        } else {
            json.writeNullField(name);
        }
    }
}
