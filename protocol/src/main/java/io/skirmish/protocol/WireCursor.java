package io.skirmish.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A cursor over protobuf wire-format bytes in a {@link ByteBuf}, for hot paths that read a few
 * fields of a message without building it (a server reading inputs, a load generator reading
 * snapshot headers): tags, varints and skips of unknown fields, as protobuf requires.
 *
 * <p>Untrusted bytes: every read is checked against the end it is given; a truncated field, a
 * varint longer than 10 bytes or an unsupported wire type sets {@link #malformed()} (reads then
 * return 0) and never throws. Allocates nothing. Not thread-safe: one per reading thread.
 */
public final class WireCursor {

    public static final int WIRE_VARINT = 0;
    public static final int WIRE_FIXED64 = 1;
    public static final int WIRE_LENGTH_DELIMITED = 2;
    public static final int WIRE_FIXED32 = 5;

    private ByteBuf buffer;
    private int position;
    private boolean malformed;

    /** Starts at {@code position} of {@code bytes} (the buffer's own indices do not move). */
    public WireCursor wrap(ByteBuf bytes, int start) {
        buffer = bytes;
        position = start;
        malformed = false;
        return this;
    }

    /** Drops the reference to the buffer once a message is read. */
    public void release() {
        buffer = null;
    }

    public int position() {
        return position;
    }

    /** Moves to {@code newPosition}, e.g. the end of an embedded message just read. */
    public void position(int newPosition) {
        position = newPosition;
    }

    public boolean malformed() {
        return malformed;
    }

    public static int fieldNumber(long tag) {
        return (int) (tag >>> 3);
    }

    public static int wireType(long tag) {
        return (int) (tag & 7);
    }

    /** An unsigned varint ending before {@code end}; 0 with {@link #malformed()} set when it does not. */
    public long readVarint(int end) {
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

    /**
     * Reads a length prefix and returns where the field's bytes end; -1 with {@link #malformed()}
     * set when they would run past {@code end}.
     */
    public int readLengthDelimitedEnd(int end) {
        long length = readVarint(end);
        if (malformed || length > end - position) {
            malformed = true;
            return -1;
        }
        return position + (int) length;
    }

    /** Skips the value of a field of {@code wireType} (after its tag). */
    public void skip(int wireType, int end) {
        switch (wireType) {
            case WIRE_VARINT -> readVarint(end);
            case WIRE_FIXED64 -> skipBytes(8, end);
            case WIRE_LENGTH_DELIMITED -> {
                int fieldEnd = readLengthDelimitedEnd(end);
                if (!malformed) {
                    position = fieldEnd;
                }
            }
            case WIRE_FIXED32 -> skipBytes(4, end);
            default -> malformed = true;
        }
    }

    private void skipBytes(int count, int end) {
        if (count > end - position) {
            malformed = true;
            return;
        }
        position += count;
    }
}
