package io.skirmish.game.wire;

import io.netty.buffer.ByteBuf;
import io.skirmish.protocol.WireCursor;

/**
 * Reads an {@code InputBatch} ({@code skirmish/game/v1/packets.proto}) from a decrypted UDP
 * payload without allocating: a cursor over the wire format that yields one {@code Input} at a
 * time into its own fields. Unknown fields are skipped, as protobuf requires, so newer clients
 * can add fields.
 *
 * <p>Untrusted input: every length is checked against the bytes present, a varint longer than
 * 10 bytes, a truncated field or an unsupported wire type makes {@link #next()} return
 * {@code false} with {@link #malformed()} set, and at most {@link #MAX_INPUTS} inputs are
 * read. Never throws on bad bytes. Not thread-safe: one per I/O thread.
 */
public final class InputBatchReader {

    /** Clients send their last few inputs; more than this is refused. */
    public static final int MAX_INPUTS = 16;

    private static final int INPUTS_FIELD = 1;

    private final WireCursor cursor = new WireCursor();
    private int limit;
    private int inputsRead;
    private boolean overflow;

    public long sequence;
    public long clientTick;
    public int moveX;
    public int moveY;
    public long aim;
    public long buttons;
    public long lastReceivedSnapshotTick;

    /** Starts reading the readable bytes of {@code payload} (its indices do not move). */
    public InputBatchReader wrap(ByteBuf payload) {
        cursor.wrap(payload, payload.readerIndex());
        this.limit = payload.writerIndex();
        this.inputsRead = 0;
        this.overflow = false;
        return this;
    }

    /** Advances to the next input; false at the end or on malformed bytes. */
    public boolean next() {
        while (cursor.position() < limit && !cursor.malformed()) {
            long tag = cursor.readVarint(limit);
            if (cursor.malformed()) {
                return false;
            }
            int wireType = WireCursor.wireType(tag);
            if (WireCursor.fieldNumber(tag) == INPUTS_FIELD && wireType == WireCursor.WIRE_LENGTH_DELIMITED) {
                int end = cursor.readLengthDelimitedEnd(limit);
                if (cursor.malformed()) {
                    return false;
                }
                if (inputsRead == MAX_INPUTS) {
                    overflow = true;
                    return false;
                }
                readInput(end);
                cursor.position(end);
                if (cursor.malformed()) {
                    return false;
                }
                inputsRead++;
                return true;
            }
            cursor.skip(wireType, limit);
        }
        return false;
    }

    /** True when the payload was not a valid InputBatch (the packet should be counted and dropped). */
    public boolean malformed() {
        return cursor.malformed();
    }

    /** True when the batch carried more than {@link #MAX_INPUTS} inputs. */
    public boolean overflow() {
        return overflow;
    }

    public boolean fire() {
        return (buttons & 1) != 0;
    }

    private void readInput(int end) {
        sequence = 0;
        clientTick = 0;
        moveX = 0;
        moveY = 0;
        aim = 0;
        buttons = 0;
        lastReceivedSnapshotTick = 0;
        while (cursor.position() < end && !cursor.malformed()) {
            long tag = cursor.readVarint(end);
            if (cursor.malformed()) {
                return;
            }
            int field = WireCursor.fieldNumber(tag);
            int wireType = WireCursor.wireType(tag);
            if (wireType != WireCursor.WIRE_VARINT || field < 1 || field > 7) {
                cursor.skip(wireType, end);
                continue;
            }
            long value = cursor.readVarint(end);
            switch (field) {
                case 1 -> sequence = value & 0xFFFFFFFFL;
                case 2 -> clientTick = value & 0xFFFFFFFFL;
                case 3 -> moveX = ProtoWire.unZigZag((int) value);
                case 4 -> moveY = ProtoWire.unZigZag((int) value);
                case 5 -> aim = value & 0xFFFFFFFFL;
                case 6 -> buttons = value & 0xFFFFFFFFL;
                default -> lastReceivedSnapshotTick = value & 0xFFFFFFFFL;
            }
        }
    }
}
