package io.skirmish.logship.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The index template maps every document field that docs/architecture.md promises producers may send. */
class IndexTemplateTest {

    private static final Pattern FIELD = Pattern.compile("`([a-z_@]+)`");

    @Test
    void mapsEveryFieldOfTheEventContract() throws Exception {
        JsonNode properties = new ObjectMapper().readTree(ElasticsearchConnection.templateBody("skirmish-events"))
                .path("template").path("mappings").path("properties");
        List<String> contract = contractFields();
        assertThat(contract).contains("match_id", "position", "rejected_inputs", "rating_after");
        for (String field : contract) {
            assertThat(properties.has(field)).as("template maps %s", field).isTrue();
        }
        for (String common : List.of("event_id", "type", "@timestamp", "service")) {
            assertThat(properties.has(common)).as("template maps %s", common).isTrue();
        }
        assertThat(properties.path("@timestamp").path("type").asText()).isEqualTo("date");
        assertThat(properties.path("position").path("properties").path("x").path("type").asText()).isEqualTo("double");
        assertThat(properties.path("players").path("properties").has("kills")).isTrue();
    }

    @Test
    void templateAppliesToThePrefixIndices() throws Exception {
        JsonNode template = new ObjectMapper().readTree(ElasticsearchConnection.templateBody("it-x"));
        assertThat(template.path("index_patterns").get(0).asText()).isEqualTo("it-x-*");
        assertThat(DailyIndex.pattern("it-x")).isEqualTo("it-x-*");
    }

    /** The first column of the field table under "`skirmish:events` entries". */
    private static List<String> contractFields() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "architecture.md"), StandardCharsets.UTF_8);
        List<String> fields = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("| field | type | used by |")) {
                inTable = true;
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                break;
            }
            if (inTable && !line.startsWith("|---")) {
                String first = line.split("\\|")[1];
                Matcher matcher = FIELD.matcher(first);
                while (matcher.find()) {
                    fields.add(matcher.group(1));
                }
            }
        }
        return fields;
    }
}
