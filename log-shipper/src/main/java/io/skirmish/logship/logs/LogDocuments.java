package io.skirmish.logship.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns log lines into the body of one {@code _bulk} request: each line a {@code create} into the
 * daily index of its own {@code @timestamp} ({@code <prefix>-yyyy.MM.dd}) with the document id
 * {@code <file key>-<offset>}, so a line sent twice (a crash before the checkpoint was saved) is
 * stored once. An ECS JSON line is indexed as written, plus {@code log.file.path}; any other line
 * (a service still logging text) becomes a document with the line as {@code message} and the
 * time it was read as {@code @timestamp}.
 */
final class LogDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private final String indexPrefix;

    LogDocuments(String indexPrefix) {
        this.indexPrefix = indexPrefix;
    }

    /** Appends the action and source lines of one log line to {@code bulk}. */
    void append(StringBuilder bulk, String fileName, String fileKey, LogLines.Line line, Instant readAt) {
        ObjectNode doc = parse(line.text());
        if (doc == null) {
            doc = JSON.createObjectNode();
            doc.put("@timestamp", readAt.toString());
            doc.put("message", line.text());
        }
        doc.put("log.file.path", fileName);
        String timestamp = doc.path("@timestamp").asText("");
        String day = timestamp.length() >= 10 && timestamp.charAt(4) == '-'
                ? timestamp.substring(0, 4) + "." + timestamp.substring(5, 7) + "." + timestamp.substring(8, 10)
                : DAY.format(readAt);
        if (!doc.hasNonNull("@timestamp")) {
            doc.put("@timestamp", readAt.toString());
        }
        bulk.append("{\"create\":{\"_index\":\"").append(indexPrefix).append('-').append(day)
                .append("\",\"_id\":\"").append(fileKey).append('-').append(line.offset()).append("\"}}\n");
        bulk.append(doc).append('\n');
    }

    private static ObjectNode parse(String text) {
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
