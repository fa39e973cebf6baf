package io.skirmish.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.ElasticsearchProcess;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@ElasticsearchTest
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ElasticsearchExtensionIT {

    /** What the log shipper will index: one gameplay event. */
    record MatchEvent(String eventId, String matchId, String mode, String type) {
    }

    private static final List<MatchEvent> EVENTS = List.of(
            new MatchEvent("e1", "m1", "duel", "kill"),
            new MatchEvent("e2", "m1", "duel", "death"),
            new MatchEvent("e3", "m2", "squad", "kill"),
            new MatchEvent("e4", "m2", "squad", "kill"),
            new MatchEvent("e5", "m3", "ffa", "shot"));

    @Test
    void bulkIndexesThenSearchesAndAggregatesByTerm(ElasticsearchEndpoint endpoint) throws IOException {
        try (RestClient rest = RestClient.builder(new HttpHost(endpoint.host(), endpoint.port(), "http")).build()) {
            ElasticsearchClient es = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
            String index = "skirmish-events-bulk-test";
            createIndex(es, index);

            BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
            for (MatchEvent event : EVENTS) {
                bulk.operations(op -> op.index(i -> i.index(index).id(event.eventId()).document(event)));
            }
            BulkResponse response = es.bulk(bulk.build());
            assertThat(response.errors()).isFalse();
            assertThat(response.items()).hasSize(EVENTS.size());

            SearchResponse<MatchEvent> kills = es.search(s -> s
                            .index(index)
                            .query(q -> q.term(t -> t.field("type").value("kill")))
                            .aggregations("by_mode", a -> a.terms(t -> t.field("mode"))),
                    MatchEvent.class);

            assertThat(kills.hits().total().value()).isEqualTo(3);
            assertThat(kills.hits().hits()).extracting(hit -> hit.source().matchId()).containsOnly("m1", "m2");
            Map<String, Long> perMode = kills.aggregations().get("by_mode").sterms().buckets().array().stream()
                    .collect(Collectors.toMap(b -> b.key().stringValue(), StringTermsBucket::docCount));
            assertThat(perMode).containsExactlyInAnyOrderEntriesOf(Map.of("squad", 2L, "duel", 1L));
        }
    }

    /** What the fault tests do: stop Elasticsearch, start it again, find the documents still there. */
    @Test
    void stopThenStartKeepsTheDataAndTheAddress(ElasticsearchProcess elasticsearch) throws IOException {
        ElasticsearchEndpoint before = elasticsearch.endpoint();
        String index = "skirmish-events-restart-test";
        try (RestClient rest = client(before)) {
            ElasticsearchClient es = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
            createIndex(es, index);
            es.index(i -> i.index(index).id("e1").document(EVENTS.get(0)).refresh(Refresh.True));
        }

        elasticsearch.stop();
        assertThat(elasticsearch.isRunning()).isFalse();
        elasticsearch.start();

        assertThat(elasticsearch.endpoint()).isEqualTo(before);
        try (RestClient rest = client(before)) {
            ElasticsearchClient es = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
            assertThat(es.get(g -> g.index(index).id("e1"), MatchEvent.class).source()).isEqualTo(EVENTS.get(0));
        }
    }

    private static RestClient client(ElasticsearchEndpoint endpoint) {
        return RestClient.builder(new HttpHost(endpoint.host(), endpoint.port(), "http")).build();
    }

    private static void createIndex(ElasticsearchClient es, String index) throws IOException {
        es.indices().create(c -> c
                .index(index)
                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                .mappings(m -> m
                        .properties("eventId", p -> p.keyword(k -> k))
                        .properties("matchId", p -> p.keyword(k -> k))
                        .properties("mode", p -> p.keyword(k -> k))
                        .properties("type", p -> p.keyword(k -> k))));
    }
}
