package io.skirmish.game.wire;

import io.netty.buffer.ByteBuf;

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

    private ByteBuf buffer;
    private int position;
    private int limit;
    private int inputsRead;
    private boolean malformed;
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
        this.buffer = payload;
        this.position = payload.readerIndex();
        this.limit = payload.writerIndex();
        this.inputsRead = 0;
        this.malformed = false;
        this.overflow = false;
        return this;
    }

    /** Advances to the next input; false at the end or on malformed bytes. */
    public boolean next() {
        while (position < limit && !malformed) {
            long tag = readVarint(limit);
            if (malformed) {
                return false;
            }
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == INPUTS_FIELD && wireType == ProtoWire.WIRE_LENGTH_DELIMITED) {
                long length = readVarint(limit);
                if (malformed || length > limit - position) {
                    malformed = true;
                    return false;
                }
                if (inputsRead == MAX_INPUTS) {
                    overflow = true;
                    return false;
                }
                int end = position + (int) length;
                readInput(end);
                position = end;
                if (malformed) {
                    return false;
                }
                inputsRead++;
                return true;
            }
            skip(wireType, limit);
        }
        return false;
    }

    /** True when the payload was not a valid InputBatch (the packet should be counted and dropped). */
    public boolean malformed() {
        return malformed;
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
        while (position < end && !malformed) {
            long tag = readVarint(end);
            if (malformed) {
                return;
            }
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (wireType != ProtoWire.WIRE_VARINT || field < 1 || field > 7) {
                skip(wireType, end);
                continue;
            }
            long value = readVarint(end);
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
        switch (wireType) {
            case ProtoWire.WIRE_VARINT -> readVarint(end);
            case 1 -> skipBytes(8, end);
            case ProtoWire.WIRE_LENGTH_DELIMITED -> {
                long length = readVarint(end);
                if (!malformed) {
                    skipBytes(length, end);
                }
            }
            case 5 -> skipBytes(4, end);
            default -> malformed = true;
        }
    }

    private void skipBytes(long count, int end) {
        if (count > end - position) {
            malformed = true;
            return;
        }
        position += (int) count;
    }
}
