package io.skirmish.game.wire;

import io.skirmish.protocol.WireCursor;
import org.agrona.MutableDirectBuffer;

/**
 * Writes the protobuf wire format (varints, zigzag, tags) straight into an Agrona buffer, for
 * the hot messages the tick thread sends 30 to 128 times a second per player, where a
 * generated builder would allocate. The result is byte-compatible with the generated classes
 * of {@code skirmish/game/v1/packets.proto}; the tests parse it back with them.
 */
public final class ProtoWire {

    public static final int WIRE_VARINT = WireCursor.WIRE_VARINT;
    public static final int WIRE_LENGTH_DELIMITED = WireCursor.WIRE_LENGTH_DELIMITED;

    private ProtoWire() {
    }

    public static int tag(int fieldNumber, int wireType) {
        return (fieldNumber << 3) | wireType;
    }

    /** Writes {@code value} as an unsigned varint at {@code offset}; returns the new offset. */
    public static int putVarint(MutableDirectBuffer buffer, int offset, long value) {
        int position = offset;
        while ((value & ~0x7FL) != 0) {
            buffer.putByte(position++, (byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        buffer.putByte(position++, (byte) value);
        return position;
    }

    /** A {@code uint32}/{@code uint64} field. */
    public static int putUnsignedField(MutableDirectBuffer buffer, int offset, int fieldNumber, long value) {
        int position = putVarint(buffer, offset, tag(fieldNumber, WIRE_VARINT));
        return putVarint(buffer, position, value);
    }

    /** A {@code sint32} field (zigzag). */
    public static int putSignedField(MutableDirectBuffer buffer, int offset, int fieldNumber, int value) {
        int position = putVarint(buffer, offset, tag(fieldNumber, WIRE_VARINT));
        return putVarint(buffer, position, zigZag(value) & 0xFFFFFFFFL);
    }

    public static int zigZag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    public static int unZigZag(int value) {
        return (value >>> 1) ^ -(value & 1);
    }
}
