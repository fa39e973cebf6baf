package io.skirmish.client;

import io.netty.buffer.ByteBuf;

/**
 * A client's most recent inputs, newest first, and their encoding as an {@code InputBatch}
 * ({@code skirmish/game/v1/packets.proto}) written straight into a buffer: the same bytes the
 * generated builders produce (proto3, zero fields omitted), without a builder or a message
 * object per input. Every input packet repeats the last {@code capacity} inputs so that a lost
 * packet costs nothing.
 *
 * <p>Not thread-safe: one per session, used by the thread that sends its inputs.
 */
public final class InputHistory {

    private static final int INPUTS_FIELD_TAG = (1 << 3) | 2;
    private static final int WIRE_VARINT = 0;

    private final long[] sequence;
    private final long[] clientTick;
    private final int[] moveX;
    private final int[] moveY;
    private final int[] aim;
    private final int[] buttons;
    private final long[] lastSnapshotTick;
    private int newest = -1;
    private int count;

    public InputHistory(int capacity) {
        if (capacity < 1 || capacity > 16) {
            throw new IllegalArgumentException("an input batch holds 1..16 inputs, got " + capacity);
        }
        sequence = new long[capacity];
        clientTick = new long[capacity];
        moveX = new int[capacity];
        moveY = new int[capacity];
        aim = new int[capacity];
        buttons = new int[capacity];
        lastSnapshotTick = new long[capacity];
    }

    /** Remembers one input in wire units (movement -127..127, aim 0..65535), evicting the oldest. */
    public void add(long sequence, long clientTick, int moveX, int moveY, int aim, int buttons,
                    long lastReceivedSnapshotTick) {
        newest = (newest + 1) % this.sequence.length;
        this.sequence[newest] = sequence;
        this.clientTick[newest] = clientTick;
        this.moveX[newest] = moveX;
        this.moveY[newest] = moveY;
        this.aim[newest] = aim;
        this.buttons[newest] = buttons;
        this.lastSnapshotTick[newest] = lastReceivedSnapshotTick;
        count = Math.min(count + 1, this.sequence.length);
    }

    public int size() {
        return count;
    }

    /** Writes the remembered inputs, newest first, as an {@code InputBatch}; returns the bytes written. */
    public int writeBatch(ByteBuf out) {
        int start = out.writerIndex();
        for (int k = 0; k < count; k++) {
            int i = Math.floorMod(newest - k, sequence.length);
            int length = inputSize(i);
            // An Input is at most 7 fields of at most 6 bytes: its length prefix is one byte.
            out.writeByte(INPUTS_FIELD_TAG);
            out.writeByte(length);
            writeField(out, 1, sequence[i] & 0xFFFFFFFFL);
            writeField(out, 2, clientTick[i] & 0xFFFFFFFFL);
            writeField(out, 3, zigZag(moveX[i]));
            writeField(out, 4, zigZag(moveY[i]));
            writeField(out, 5, aim[i] & 0xFFFFFFFFL);
            writeField(out, 6, buttons[i] & 0xFFFFFFFFL);
            writeField(out, 7, lastSnapshotTick[i] & 0xFFFFFFFFL);
        }
        return out.writerIndex() - start;
    }

    private int inputSize(int i) {
        return fieldSize(sequence[i] & 0xFFFFFFFFL) + fieldSize(clientTick[i] & 0xFFFFFFFFL)
                + fieldSize(zigZag(moveX[i])) + fieldSize(zigZag(moveY[i])) + fieldSize(aim[i] & 0xFFFFFFFFL)
                + fieldSize(buttons[i] & 0xFFFFFFFFL) + fieldSize(lastSnapshotTick[i] & 0xFFFFFFFFL);
    }

    private static long zigZag(int value) {
        return ((value << 1) ^ (value >> 31)) & 0xFFFFFFFFL;
    }

    private static int fieldSize(long value) {
        return value == 0 ? 0 : 1 + varintSize(value);
    }

    private static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    private static void writeField(ByteBuf out, int field, long value) {
        if (value == 0) {
            return;
        }
        out.writeByte((field << 3) | WIRE_VARINT);
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }
}
