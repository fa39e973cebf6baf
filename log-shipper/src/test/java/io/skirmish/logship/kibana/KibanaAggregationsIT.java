package io.skirmish.logship.kibana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.skirmish.logship.it.SearchClient;
import io.skirmish.logship.it.ShipperFixture;
import io.skirmish.logship.it.TestEvents;
import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The query behind each dashboard panel ({@code deploy/kibana/aggregations/*.json}) runs against
 * real Elasticsearch on events the shipper indexed with its template, and finds data.
 */
@RedisTest
@ElasticsearchTest
@Timeout(120)
class KibanaAggregationsIT {

    @Test
    void everyPanelAggregationAnswersWithBuckets(RedisEndpoint redis, ElasticsearchEndpoint es) throws Exception {
        int events = 3_000;
        try (ShipperFixture fixture = new ShipperFixture(ShipperFixture.config("kibana", "one", redis, es));
             SearchClient search = new SearchClient(es)) {
            TestEvents.append(fixture.redis, fixture.config.stream(), 0, events);
            await().atMost(Duration.ofSeconds(60)).until(() -> fixture.counter("logship.events.acked") >= events);
            search.refresh("it-kibana-*");

            List<Path> files;
            try (Stream<Path> listing = Files.list(KibanaObjects.AGGREGATIONS)) {
                files = listing.filter(file -> file.toString().endsWith(".json")).sorted().toList();
            }
            assertThat(files).hasSizeGreaterThanOrEqualTo(7);
            for (Path file : files) {
                JsonNode answer = run(search, file);
                String name = file.getFileName().toString();
                assertThat(answer.path("_shards").path("failed").asInt()).as(name).isZero();
                if (answer.path("aggregations").isMissingNode()) {
                    assertThat(answer.path("hits").path("hits")).as(name + " hits").isNotEmpty();
                    continue;
                }
                JsonNode first = answer.path("aggregations").elements().next();
                assertThat(first.path("buckets")).as(name + " buckets").isNotEmpty();
                assertThat(first.path("buckets").get(0).path("doc_count").asLong()).as(name).isPositive();
            }
            JsonNode rejected = run(search, KibanaObjects.AGGREGATIONS.resolve("skirmish-vis-rejected-inputs.json"));
            assertThat(rejected.findValues("value").stream().mapToDouble(JsonNode::asDouble).sum()).isPositive();
            JsonNode heatmap = run(search, KibanaObjects.AGGREGATIONS.resolve("skirmish-vis-kill-heatmap.json"));
            assertThat(heatmap.path("aggregations").path("x").path("buckets").size()).isGreaterThan(5);
        }
    }

    private static JsonNode run(SearchClient search, Path file) throws IOException {
        return search.call("POST", "/it-kibana-*/_search", Files.readString(file));
    }
}
