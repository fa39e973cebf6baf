package io.skirmish.kit.events;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.skirmish.protocol.contract.EventStreams;

/**
 * Builds the JSON document of one {@code skirmish:events} entry, the shape the log-shipper
 * indexes as is (fields in {@code docs/architecture.md}). Every document starts with
 * {@code event_id}, {@code type}, {@code @timestamp} and {@code service}; callers add the
 * fields of their event type. Jackson writes and escapes; one builder per document.
 */
public final class EventDoc {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String eventId;
    private final String type;
    private final StringWriter text = new StringWriter(256);
    private final JsonGenerator json;
    private boolean closed;

    private EventDoc(String eventId, String type, long epochMs, String service) {
        this.eventId = eventId;
        this.type = type;
        try {
            json = JSON.createGenerator(text);
            json.writeStartObject();
            json.writeStringField("event_id", eventId);
            json.writeStringField("type", type);
            json.writeStringField("@timestamp", TIMESTAMP.format(Instant.ofEpochMilli(epochMs)));
            json.writeStringField("service", service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return write(() -> json.writeStringField(name, value));
    }

    public EventDoc field(String name, long value) {
        return write(() -> json.writeNumberField(name, value));
    }

    public EventDoc field(String name, double value) {
        return write(() -> json.writeNumberField(name, value));
    }

    public EventDoc field(String name, boolean value) {
        return write(() -> json.writeBooleanField(name, value));
    }

    /** An x/y position in metres, an object of two numbers (mapped as two doubles in Elasticsearch, so panels can histogram each axis). */
    public EventDoc point(String name, double x, double y) {
        return write(() -> {
            json.writeObjectFieldStart(name);
            json.writeNumberField("x", x);
            json.writeNumberField("y", y);
            json.writeEndObject();
        });
    }

    /** Starts a nested object; end it with {@link #endObject()}. */
    public EventDoc startObject(String name) {
        return write(() -> json.writeObjectFieldStart(name));
    }

    /** Starts an array of objects; each element opens with {@link #startElement()}. */
    public EventDoc startArray(String name) {
        return write(() -> json.writeArrayFieldStart(name));
    }

    public EventDoc startElement() {
        return write(json::writeStartObject);
    }

    public EventDoc endObject() {
        return write(json::writeEndObject);
    }

    public EventDoc endArray() {
        return write(json::writeEndArray);
    }

    /** The finished document. */
    public String json() {
        if (!closed) {
            write(() -> {
                json.writeEndObject();
                json.close();
            });
            closed = true;
        }
        return text.toString();
    }

    /** The fields of this document's {@code skirmish:events} entry ({@link EventStreams#eventFields}). */
    public Map<byte[], byte[]> streamFields() {
        return EventStreams.eventFields(eventId, type, json());
    }

    private EventDoc write(JsonWrite action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @FunctionalInterface
    private interface JsonWrite {
        void run() throws IOException;
    }
}
