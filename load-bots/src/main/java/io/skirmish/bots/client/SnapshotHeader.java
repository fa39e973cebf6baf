package io.skirmish.bots.client;

import io.netty.buffer.ByteBuf;

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

    private ByteBuf buffer;
    private int position;
    private boolean malformed;

    public long tick;
    public long baselineTick;
    public long lastProcessedInputSequence;
    public int entities;

    /** Reads the readable bytes of {@code payload} (indices unchanged); false when malformed. */
    public boolean read(ByteBuf payload) {
        buffer = payload;
        position = payload.readerIndex();
        int limit = payload.writerIndex();
        malformed = false;
        tick = 0;
        baselineTick = 0;
        lastProcessedInputSequence = 0;
        entities = 0;
        while (position < limit && !malformed) {
            long tag = readVarint(limit);
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (malformed) {
                break;
            }
            if (wireType == 0 && (field == TICK || field == BASELINE_TICK || field == LAST_PROCESSED_INPUT)) {
                long value = readVarint(limit) & 0xFFFFFFFFL;
                switch (field) {
                    case TICK -> tick = value;
                    case BASELINE_TICK -> baselineTick = value;
                    default -> lastProcessedInputSequence = value;
                }
            } else {
                if (field == ENTITIES && wireType == 2) {
                    entities++;
                }
                skip(wireType, limit);
            }
        }
        buffer = null;
        return !malformed;
    }

    private long readVarint(int end) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                malformed = true;
                return 0;
            }
            byte b = buffer.getByte(position++);
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        malformed = true;
        return 0;
    }

    private void skip(int wireType, int end) {
        long length = switch (wireType) {
            case 0 -> {
                readVarint(end);
                yield 0;
            }
            case 1 -> 8;
            case 2 -> readVarint(end);
            case 5 -> 4;
            default -> {
                malformed = true;
                yield 0;
            }
        };
        if (malformed) {
            return;
        }
        if (length > end - position) {
            malformed = true;
            return;
        }
        position += (int) length;
    }
}
