package io.skirmish.bots.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Elasticsearch's CPU time (node stats of the node answering) and the number of match-event
 * documents searchable in {@code skirmish-events-*}: its growth is the events/s into
 * Elasticsearch the report shows.
 */
public final class ElasticsearchProbe implements ServiceProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    public ElasticsearchProbe(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public Sample sample() {
        try {
            JsonNode stats = get("/_nodes/_local/stats/process");
            long cpuMillis = -1;
            for (JsonNode node : stats.path("nodes")) {
                cpuMillis = node.path("process").path("cpu").path("total_in_millis").asLong(-1);
            }
            Map<String, Double> figures = new LinkedHashMap<>();
            JsonNode count = get("/skirmish-events-*/_count?ignore_unavailable=true&allow_no_indices=true");
            figures.put("docs_searchable", count.path("count").asDouble(0));
            return new Sample(cpuMillis < 0 ? -1 : cpuMillis * 1_000_000, figures);
        } catch (Exception e) {
            return Sample.unavailable();
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
