package io.skirmish.logship.kibana;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skirmish.logship.sink.ElasticsearchConnection;

/** Reads {@code deploy/kibana/} and the index template, for the consistency test and the aggregation IT. */
final class KibanaObjects {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Tests run in the module folder; the Kibana files live at the repository root. */
    static final Path DIR = Path.of("..", "deploy", "kibana");
    static final Path NDJSON = DIR.resolve("skirmish.ndjson");
    static final Path AGGREGATIONS = DIR.resolve("aggregations");

    /** A field name before a KQL operator: {@code type:kill}, {@code rejected_inputs.non_finite > 0}. */
    private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_@][A-Za-z0-9_.@]*)\\s*(?::|>=|<=|>|<)");

    private KibanaObjects() {
    }

    static List<JsonNode> objects() {
        try {
            List<JsonNode> objects = new ArrayList<>();
            for (String line : Files.readAllLines(NDJSON, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    objects.add(JSON.readTree(line));
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode aggregation(String objectId) {
        try {
            return JSON.readTree(Files.readString(AGGREGATIONS.resolve(objectId + ".json"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every field path the index template maps, e.g. {@code position.x}, {@code players.kills}. */
    static Set<String> templateFields() {
        JsonNode properties = parse(ElasticsearchConnection.templateBody("skirmish-events"))
                .path("template").path("mappings").path("properties");
        Set<String> fields = new TreeSet<>();
        collect("", properties, fields);
        return fields;
    }

    private static void collect(String prefix, JsonNode properties, Set<String> fields) {
        Iterator<Map.Entry<String, JsonNode>> entries = properties.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String path = prefix + entry.getKey();
            if (entry.getValue().has("properties")) {
                collect(path + ".", entry.getValue().path("properties"), fields);
            } else {
                fields.add(path);
            }
        }
    }

    /** Field names a KQL query names. */
    static Set<String> kqlFields(String query) {
        Set<String> fields = new TreeSet<>();
        Matcher matcher = KQL_FIELD.matcher(query);
        while (matcher.find()) {
            fields.add(matcher.group(1));
        }
        return fields;
    }

    /** Values of every {@code "field"} key anywhere below {@code node}. */
    static Set<String> fieldValues(JsonNode node) {
        Set<String> fields = new TreeSet<>();
        node.findValues("field").forEach(value -> fields.add(value.asText()));
        return fields;
    }
}
