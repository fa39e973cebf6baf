package io.skirmish.logship.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/kibana/skirmish.ndjson} holds together without a Kibana: every reference points at
 * an object in the file, every field a panel or search uses is mapped by the index template, and
 * every panel has its aggregation written out (run against Elasticsearch by
 * {@code KibanaAggregationsIT}) using the same fields.
 */
class KibanaSavedObjectsTest {

    private final List<JsonNode> objects = KibanaObjects.objects();
    private final Set<String> mapped = KibanaObjects.templateFields();

    @Test
    void holdsTheDataViewSearchesVisualizationsAndTheMatchesDashboard() {
        Set<String> keys = new HashSet<>();
        Map<String, Integer> byType = new HashMap<>();
        for (JsonNode object : objects) {
            assertThat(keys.add(key(object))).as("unique %s", key(object)).isTrue();
            byType.merge(object.path("type").asText(), 1, Integer::sum);
        }
        assertThat(byType).containsEntry("index-pattern", 1).containsEntry("dashboard", 1);
        assertThat(byType.get("search")).isGreaterThanOrEqualTo(2);
        assertThat(byType.get("visualization")).isGreaterThanOrEqualTo(6);
        JsonNode dataView = ofType("index-pattern").get(0);
        assertThat(dataView.path("attributes").path("title").asText()).isEqualTo("skirmish-events-*");
        assertThat(ofType("dashboard").get(0).path("attributes").path("title").asText()).isEqualTo("Matches");
    }

    @Test
    void everyReferenceResolvesAndEveryRefNameHasItsReference() {
        Set<String> keys = new HashSet<>();
        objects.forEach(object -> keys.add(key(object)));
        for (JsonNode object : objects) {
            Set<String> names = new HashSet<>();
            for (JsonNode reference : object.path("references")) {
                assertThat(keys).as("%s references %s", key(object), reference)
                        .contains(reference.path("type").asText() + "/" + reference.path("id").asText());
                names.add(reference.path("name").asText());
            }
            JsonNode meta = object.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON");
            if (!meta.isMissingNode()) {
                JsonNode source = KibanaObjects.parse(meta.asText());
                if (source.has("indexRefName")) {
                    assertThat(names).as("%s indexRefName", key(object)).contains(source.path("indexRefName").asText());
                }
            }
            if (object.path("type").asText().equals("dashboard")) {
                JsonNode panels = KibanaObjects.parse(object.path("attributes").path("panelsJSON").asText());
                assertThat(panels).hasSizeGreaterThanOrEqualTo(6);
                for (JsonNode panel : panels) {
                    String refName = panel.path("panelIndex").asText() + ":" + panel.path("panelRefName").asText();
                    assertThat(names).as("%s panel %s", key(object), refName).contains(refName);
                }
            }
        }
    }

    @Test
    void everyFieldUsedIsMappedByTheIndexTemplate() {
        for (JsonNode object : objects) {
            Set<String> used = usedFields(object);
            assertThat(mapped).as("fields used by %s", key(object)).containsAll(used);
        }
        assertThat(mapped).contains("@timestamp", "position.x", "position.y", "rejected_inputs.fire_rate");
    }

    @Test
    void everyPanelHasItsAggregationOnTheSameFields() {
        for (JsonNode object : objects) {
            String type = object.path("type").asText();
            if (!type.equals("visualization") && !type.equals("search")) {
                continue;
            }
            String id = object.path("id").asText();
            if (type.equals("search") && !Files.exists(KibanaObjects.AGGREGATIONS.resolve(id + ".json"))) {
                continue; // searches not on the dashboard need no query file
            }
            JsonNode aggregation = KibanaObjects.aggregation(id);
            Set<String> queryFields = new TreeSet<>(KibanaObjects.fieldValues(aggregation.path("aggs")));
            aggregation.path("query").findValues("term").forEach(term -> term.fieldNames().forEachRemaining(queryFields::add));
            aggregation.path("_source").forEach(field -> queryFields.add(field.asText()));
            assertThat(mapped).as("fields of aggregations/%s.json", id).containsAll(queryFields);
            Set<String> panelFields = usedFields(object);
            panelFields.remove("@timestamp");
            queryFields.remove("@timestamp");
            assertThat(queryFields).as("aggregations/%s.json uses the panel's fields", id).isEqualTo(panelFields);
        }
    }

    private Set<String> usedFields(JsonNode object) {
        Set<String> used = new TreeSet<>();
        JsonNode attributes = object.path("attributes");
        switch (object.path("type").asText()) {
            case "index-pattern" -> {
                used.add(attributes.path("timeFieldName").asText());
                KibanaObjects.parse(attributes.path("fieldFormatMap").asText()).fieldNames().forEachRemaining(used::add);
            }
            case "search" -> {
                attributes.path("columns").forEach(column -> used.add(column.asText()));
                attributes.path("sort").forEach(sort -> used.add(sort.get(0).asText()));
            }
            case "visualization" -> used.addAll(KibanaObjects.fieldValues(
                    KibanaObjects.parse(attributes.path("visState").asText()).path("aggs")));
            default -> {
            }
        }
        JsonNode meta = attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON");
        if (!meta.isMissingNode()) {
            used.addAll(KibanaObjects.kqlFields(KibanaObjects.parse(meta.asText()).path("query").path("query").asText()));
        }
        return used;
    }

    private List<JsonNode> ofType(String type) {
        return objects.stream().filter(object -> object.path("type").asText().equals(type)).toList();
    }

    private static String key(JsonNode object) {
        return object.path("type").asText() + "/" + object.path("id").asText();
    }
}
