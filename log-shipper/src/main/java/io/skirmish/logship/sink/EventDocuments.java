package io.skirmish.logship.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Checks a {@code skirmish:events} document before it is sent, in one streaming pass: it must be
 * one JSON object with a readable {@code @timestamp} (which picks the daily index). Anything else
 * is a permanent rejection that Elasticsearch need not see.
 *
 * <p>The document is sent as is, byte for byte, unless it spans several lines: the bulk body is
 * newline-delimited, so such a document is re-written compactly (same content). Stateless and
 * thread-safe.
 */
public final class EventDocuments {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private EventDocuments() {
    }

    /** What to send, or why not. Exactly one of {@code index} and {@code rejection} is set. */
    public record Checked(String index, byte[] doc, String rejection) {

        static Checked ok(String index, byte[] doc) {
            return new Checked(index, doc, null);
        }

        static Checked rejected(String reason) {
            return new Checked(null, null, reason);
        }

        public boolean valid() {
            return rejection == null;
        }
    }

    public static Checked check(String indexPrefix, byte[] doc, int maxDocBytes) {
        if (doc == null || doc.length == 0) {
            return Checked.rejected("invalid_document: empty");
        }
        if (doc.length > maxDocBytes) {
            return Checked.rejected("invalid_document: " + doc.length + " bytes, limit " + maxDocBytes);
        }
        long utcDay = UtcDays.UNREADABLE;
        try (JsonParser parser = JSON.createParser(doc)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Checked.rejected("invalid_document: not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("@timestamp".equals(field)) {
                    utcDay = utcDay(parser, value);
                    if (utcDay == UtcDays.UNREADABLE) {
                        return Checked.rejected("invalid_document: unreadable @timestamp");
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Checked.rejected("invalid_document: trailing content after the JSON object");
            }
        } catch (IOException e) {
            return Checked.rejected("invalid_document: malformed JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (utcDay == UtcDays.UNREADABLE) {
            return Checked.rejected("invalid_document: missing @timestamp");
        }
        return Checked.ok(DailyIndex.name(indexPrefix, utcDay), oneLine(doc));
    }

    /** ISO-8601 with an offset, ISO-8601 without (UTC, as Elasticsearch reads it), or epoch milliseconds. */
    private static long utcDay(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return UtcDays.ofEpochMillis(parser.getLongValue());
        }
        if (value != JsonToken.VALUE_STRING) {
            return UtcDays.UNREADABLE;
        }
        return UtcDays.of(parser.getText());
    }

    private static byte[] oneLine(byte[] doc) {
        for (byte b : doc) {
            if (b == '\n' || b == '\r') {
                return compact(doc);
            }
        }
        return doc;
    }

    private static byte[] compact(byte[] doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(doc.length);
        try (JsonParser parser = JSON.createParser(doc); JsonGenerator generator = JSON.createGenerator(out)) {
            parser.nextToken();
            generator.copyCurrentStructure(parser);
        } catch (IOException e) {
            throw new IllegalStateException("a checked document failed to re-parse", e);
        }
        return out.toByteArray();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
