package io.skirmish.client;

import io.netty.buffer.ByteBuf;
import io.skirmish.protocol.WireCursor;

/**
 * Reads what a load generator needs from a decrypted {@code Snapshot} payload
 * ({@code skirmish/game/v1/packets.proto}) without building the message: the tick, the
 * baseline tick, {@code last_processed_input_sequence} and how many entity deltas it carries
 * (each walked over and bounds-checked, not decoded). Unknown fields are skipped as protobuf
 * requires.
 *
 * <p>Untrusted bytes: every length is checked against what is present; a truncated field, a
 * varint over 10 bytes or an unsupported wire type makes {@link #read} return false. Never
 * throws on bad bytes, allocates nothing. Not thread-safe: one per I/O thread.
 */
public final class SnapshotHeader {

    private static final int TICK = 1;
    private static final int BASELINE_TICK = 2;
    private static final int ENTITIES = 3;
    private static final int LAST_PROCESSED_INPUT = 4;

    private final WireCursor cursor = new WireCursor();

    public long tick;
    public long baselineTick;
    public long lastProcessedInputSequence;
    public int entities;

    /** Reads the readable bytes of {@code payload} (indices unchanged); false when malformed. */
    public boolean read(ByteBuf payload) {
        cursor.wrap(payload, payload.readerIndex());
        int limit = payload.writerIndex();
        tick = 0;
        baselineTick = 0;
        lastProcessedInputSequence = 0;
        entities = 0;
        while (cursor.position() < limit && !cursor.malformed()) {
            long tag = cursor.readVarint(limit);
            int field = WireCursor.fieldNumber(tag);
            int wireType = WireCursor.wireType(tag);
            if (cursor.malformed()) {
                break;
            }
            if (wireType == WireCursor.WIRE_VARINT && (field == TICK || field == BASELINE_TICK || field == LAST_PROCESSED_INPUT)) {
                long value = cursor.readVarint(limit) & 0xFFFFFFFFL;
                switch (field) {
                    case TICK -> tick = value;
                    case BASELINE_TICK -> baselineTick = value;
                    default -> lastProcessedInputSequence = value;
                }
            } else {
                if (field == ENTITIES && wireType == WireCursor.WIRE_LENGTH_DELIMITED) {
                    entities++;
                }
                cursor.skip(wireType, limit);
            }
        }
        cursor.release();
        return !cursor.malformed();
    }
}
