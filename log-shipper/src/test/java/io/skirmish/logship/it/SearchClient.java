package io.skirmish.logship.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/** What the tests ask Elasticsearch directly: counts, every id, raw queries. */
public final class SearchClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient rest;

    public SearchClient(ElasticsearchEndpoint endpoint) {
        this.rest = RestClient.builder(new HttpHost(endpoint.host(), endpoint.port(), "http")).build();
    }

    public JsonNode call(String method, String path, String body) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        }
        Response response = rest.performRequest(request);
        String text = response.getEntity() == null ? "{}" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
        return JSON.readTree(text);
    }

    public void refresh(String pattern) throws IOException {
        call("POST", "/" + pattern + "/_refresh?allow_no_indices=true&ignore_unavailable=true", null);
    }

    public long count(String pattern) throws IOException {
        refresh(pattern);
        return call("GET", "/" + pattern + "/_count?allow_no_indices=true&ignore_unavailable=true", null)
                .path("count").asLong();
    }

    /**
     * Every {@code _id} in {@code pattern}, sorted by event id. Paging with search_after may skip a
     * copy that sorts equal, so tests compare {@link #count} as well: count equal to the number of
     * distinct ids means no duplicates.
     */
    public List<String> allIds(String pattern) throws IOException {
        refresh(pattern);
        List<String> ids = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            ObjectNode body = JSON.createObjectNode();
            body.put("size", 10_000);
            body.put("_source", false);
            body.put("track_total_hits", false);
            ArrayNode sort = body.putArray("sort");
            sort.addObject().put("event_id", "asc");
            sort.addObject().put("@timestamp", "asc");
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode hits = call("POST", "/" + pattern + "/_search", JSON.writeValueAsString(body)).path("hits").path("hits");
            if (hits.isEmpty()) {
                return ids;
            }
            for (JsonNode hit : hits) {
                ids.add(hit.path("_id").asText());
            }
            after = hits.get(hits.size() - 1).path("sort");
        }
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
