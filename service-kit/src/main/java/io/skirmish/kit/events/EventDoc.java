package io.skirmish.kit.events;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.skirmish.protocol.contract.EventStreams;

/**
 * Builds the JSON document of one {@code skirmish:events} entry, the shape the log-shipper
 * indexes as is (fields in {@code docs/architecture.md}). Every document starts with
 * {@code event_id}, {@code type}, {@code @timestamp} and {@code service}; callers add the
 * fields of their event type. Jackson writes and escapes.
 *
 * <p>The fields are recorded and written in one go by {@link #json()}, not into a generator held
 * open from the start: a generator takes its 4 KB buffer from its thread's recycler until it is
 * closed, so a thread that builds a batch of documents before rendering them (a formation round's
 * events) had every generator after the first allocate and zero a new buffer (the match-server
 * spent about 4 % of its samples there at 16,000 tickets/s). Rendered one at a time, each reuses
 * the thread's buffer. One builder per document, one thread at a time.
 */
public final class EventDoc {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String eventId;
    private final String type;
    private final long epochMs;
    private final String service;
    private final List<JsonWrite> fields = new ArrayList<>(8);
    private String rendered;

    private EventDoc(String eventId, String type, long epochMs, String service) {
        this.eventId = eventId;
        this.type = type;
        this.epochMs = epochMs;
        this.service = service;
    }

    public static EventDoc start(String eventId, String type, long epochMs, String service) {
        return new EventDoc(eventId, type, epochMs, service);
    }

    public String eventId() {
        return eventId;
    }

    public String type() {
        return type;
    }

    public EventDoc field(String name, String value) {
        return add(json -> json.writeStringField(name, value));
    }

    public EventDoc field(String name, long value) {
        return add(json -> json.writeNumberField(name, value));
    }

    public EventDoc field(String name, double value) {
        return add(json -> json.writeNumberField(name, value));
    }

    public EventDoc field(String name, boolean value) {
        return add(json -> json.writeBooleanField(name, value));
    }

    /** An x/y position in metres, an object of two numbers (mapped as two doubles in Elasticsearch, so panels can histogram each axis). */
    public EventDoc point(String name, double x, double y) {
        return add(json -> {
            json.writeObjectFieldStart(name);
            json.writeNumberField("x", x);
            json.writeNumberField("y", y);
            json.writeEndObject();
        });
    }

    /** Starts a nested object; end it with {@link #endObject()}. */
    public EventDoc startObject(String name) {
        return add(json -> json.writeObjectFieldStart(name));
    }

    /** Starts an array of objects; each element opens with {@link #startElement()}. */
    public EventDoc startArray(String name) {
        return add(json -> json.writeArrayFieldStart(name));
    }

    public EventDoc startElement() {
        return add(JsonGenerator::writeStartObject);
    }

    public EventDoc endObject() {
        return add(JsonGenerator::writeEndObject);
    }

    public EventDoc endArray() {
        return add(JsonGenerator::writeEndArray);
    }

    /** The finished document; no field can be added after it. */
    public String json() {
        if (rendered == null) {
            rendered = render();
        }
        return rendered;
    }

    /** The fields of this document's {@code skirmish:events} entry ({@link EventStreams#eventFields}). */
    public Map<byte[], byte[]> streamFields() {
        return EventStreams.eventFields(eventId, type, json());
    }

    private String render() {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("event_id", eventId);
            json.writeStringField("type", type);
            json.writeStringField("@timestamp", TIMESTAMP.format(Instant.ofEpochMilli(epochMs)));
            json.writeStringField("service", service);
            for (JsonWrite field : fields) {
                field.writeTo(json);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private EventDoc add(JsonWrite field) {
        if (rendered != null) {
            throw new IllegalStateException("event " + eventId + " was already rendered");
        }
        fields.add(field);
        return this;
    }

    @FunctionalInterface
    private interface JsonWrite {
        void writeTo(JsonGenerator json) throws IOException;
    }
}
