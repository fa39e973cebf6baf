package io.skirmish.game.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import io.skirmish.protocol.contract.EventStreams;

/** One record to append to a Redis stream. */
public record StreamEntry(String stream, Map<byte[], byte[]> fields) {

    /** The entry's {@code id} field (a result's match id, an event's id), or "" without one. */
    public String matchId() {
        for (Map.Entry<byte[], byte[]> field : fields.entrySet()) {
            if (Arrays.equals(field.getKey(), ID)) {
                return new String(field.getValue(), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static final byte[] ID = EventStreams.bytes(EventStreams.FIELD_ID);
}
