package io.skirmish.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every PromQL query of the Grafana dashboards in deploy/grafana/dashboards, as Grafana would
 * send it: {@code $__rate_interval} (Grafana's own variable) becomes a fixed window.
 */
final class DashboardQueries {

    /** One panel target: where it is and what it asks. */
    record Query(String dashboard, String panel, String expr) {
        @Override
        public String toString() {
            return dashboard + " / " + panel + ": " + expr;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DashboardQueries() {
    }

    static List<Query> load(Path dashboardsDir, String rateInterval) throws IOException {
        List<Query> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dashboardsDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        queries.add(new Query(dashboard.path("title").asText(), panel.path("title").asText(),
                                target.path("expr").asText().replace("$__rate_interval", rateInterval)));
                    }
                }
            }
        }
        return queries;
    }
}
