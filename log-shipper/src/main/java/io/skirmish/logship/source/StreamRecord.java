package io.skirmish.logship.source;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import io.skirmish.protocol.contract.EventStreams;

/**
 * One {@code skirmish:events} entry as read: stream entry id and the three fields of the record
 * contract ({@code id}, {@code type}, {@code doc}). A field may be missing when a producer broke
 * the contract, or all of them when the entry was trimmed away while pending.
 */
public record StreamRecord(String entryId, String eventId, String type, byte[] doc) {

    private static final byte[] ID = EventStreams.bytes(EventStreams.FIELD_ID);
    private static final byte[] TYPE = EventStreams.bytes(EventStreams.FIELD_TYPE);
    private static final byte[] DOC = EventStreams.bytes(EventStreams.FIELD_DOC);

    static StreamRecord of(String entryId, Map<String, String> fields) {
        if (fields == null) {
            return new StreamRecord(entryId, null, null, null);
        }
        String doc = fields.get(EventStreams.FIELD_DOC);
        return new StreamRecord(entryId, fields.get(EventStreams.FIELD_ID), fields.get(EventStreams.FIELD_TYPE),
                doc == null ? null : doc.getBytes(StandardCharsets.UTF_8));
    }

    /** From the binary API: the document keeps its bytes, with no String round trip. */
    static StreamRecord ofBinary(String entryId, Map<byte[], byte[]> fields) {
        if (fields == null) {
            return new StreamRecord(entryId, null, null, null);
        }
        String eventId = null;
        String type = null;
        byte[] doc = null;
        for (Map.Entry<byte[], byte[]> field : fields.entrySet()) {
            byte[] name = field.getKey();
            if (Arrays.equals(name, ID)) {
                eventId = new String(field.getValue(), StandardCharsets.UTF_8);
            } else if (Arrays.equals(name, TYPE)) {
                type = new String(field.getValue(), StandardCharsets.UTF_8);
            } else if (Arrays.equals(name, DOC)) {
                doc = field.getValue();
            }
        }
        return new StreamRecord(entryId, eventId, type, doc);
    }

    /** True when the entry no longer exists in the stream (trimmed while pending). */
    public boolean deleted() {
        return eventId == null && type == null && doc == null;
    }

    /** Entry ids are {@code <ms>-<seq>}: the time Redis appended it. */
    public static long appendedAtMs(String entryId) {
        int dash = entryId.indexOf('-');
        return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
    }
}
