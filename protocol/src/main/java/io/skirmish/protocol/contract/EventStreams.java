package io.skirmish.protocol.contract;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names and record fields of the two streams every service shares (one place for them; see
 * {@code docs/architecture.md}): producers in game-server, match-server and ranking-server, and
 * consumers in log-shipper and ranking-server, all read them from here.
 */
public final class EventStreams {

    /** Gameplay and service events, indexed into Elasticsearch by the log-shipper. */
    public static final String EVENTS = "skirmish:events";
    /** One record per finished match, applied to ratings by the ranking-server. */
    public static final String RESULTS = "skirmish:results";
    /** Documents the log-shipper gave up on, with the reason. */
    public static final String EVENTS_DEAD = EVENTS + ":dead";
    /** Results the ranking-server could not apply, with the reason. */
    public static final String RESULTS_DEAD = RESULTS + ":dead";

    public static final String FIELD_ID = "id";
    public static final String FIELD_TYPE = "type";
    public static final String FIELD_DOC = "doc";
    public static final String FIELD_VERSION = "v";
    public static final String FIELD_RESULT = "result";
    public static final String RESULT_VERSION = "1";

    private EventStreams() {
    }

    /** The fields of an {@link #EVENTS} entry: idempotency key, event type and JSON document. */
    public static Map<byte[], byte[]> eventFields(String eventId, String type, String json) {
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        fields.put(bytes(FIELD_ID), bytes(eventId));
        fields.put(bytes(FIELD_TYPE), bytes(type));
        fields.put(bytes(FIELD_DOC), bytes(json));
        return fields;
    }

    /** The fields of a {@link #RESULTS} entry: match id and the serialized {@code MatchResult}. */
    public static Map<byte[], byte[]> resultFields(String matchId, byte[] result) {
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        fields.put(bytes(FIELD_ID), bytes(matchId));
        fields.put(bytes(FIELD_VERSION), bytes(RESULT_VERSION));
        fields.put(bytes(FIELD_RESULT), result);
        return fields;
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
