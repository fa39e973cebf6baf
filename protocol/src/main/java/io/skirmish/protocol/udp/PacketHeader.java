package io.skirmish.protocol.udp;

import io.netty.buffer.ByteBuf;

import static io.skirmish.protocol.udp.PacketHeaderDescriptor.ACK_BITS_OFFSET;
import static io.skirmish.protocol.udp.PacketHeaderDescriptor.ACK_OFFSET;
import static io.skirmish.protocol.udp.PacketHeaderDescriptor.CONNECTION_ID_OFFSET;
import static io.skirmish.protocol.udp.PacketHeaderDescriptor.HEADER_BYTES;
import static io.skirmish.protocol.udp.PacketHeaderDescriptor.MAGIC_OFFSET;
import static io.skirmish.protocol.udp.PacketHeaderDescriptor.SEQUENCE_OFFSET;
import static io.skirmish.protocol.udp.PacketHeaderDescriptor.TYPE_OFFSET;
import static io.skirmish.protocol.udp.PacketHeaderDescriptor.VERSION_OFFSET;

/**
 * Reusable flyweight over the clear header of a datagram (layout in
 * {@link PacketHeaderDescriptor}). The server reads {@link #connectionId()} to find the
 * connection, then hands the datagram to that connection's {@link PacketOpener}.
 *
 * <p>The values are NOT authenticated until {@link PacketOpener#open} returned
 * {@link PacketStatus#OK}: use them before that only to route and to drop.
 * Reads never move the buffer's indices. Not thread-safe: one instance per I/O thread.
 */
public final class PacketHeader {
    private ByteBuf buffer;
    private int offset;

    /**
     * Points this flyweight at the datagram starting at {@code buffer.readerIndex()}.
     *
     * @return this, or null if fewer than {@link PacketHeaderDescriptor#HEADER_BYTES} are readable
     */
    public PacketHeader wrap(ByteBuf buffer) {
        if (buffer.readableBytes() < HEADER_BYTES) {
            return null;
        }
        this.buffer = buffer;
        this.offset = buffer.readerIndex();
        return this;
    }

    /** u16 magic, {@link PacketHeaderDescriptor#MAGIC} when valid. */
    public int magic() {
        return buffer.getUnsignedShort(offset + MAGIC_OFFSET);
    }

    /** u8 header version. */
    public int version() {
        return buffer.getUnsignedByte(offset + VERSION_OFFSET);
    }

    /** u8 packet type code. */
    public int typeCode() {
        return buffer.getUnsignedByte(offset + TYPE_OFFSET);
    }

    /** The packet type, or null for an unknown code. */
    public PacketType type() {
        return PacketType.fromCode(typeCode());
    }

    /** u64 connection id (as a signed long with the same bits). */
    public long connectionId() {
        return buffer.getLong(offset + CONNECTION_ID_OFFSET);
    }

    /** u32 sequence, 0..2^32-1. */
    public long sequence() {
        return buffer.getUnsignedInt(offset + SEQUENCE_OFFSET);
    }

    /** u32 newest sequence the sender received from its peer. */
    public long ack() {
        return buffer.getUnsignedInt(offset + ACK_OFFSET);
    }

    /** 32 bits: bit i set means the sender also received {@code ack - 1 - i}. */
    public int ackBits() {
        return buffer.getInt(offset + ACK_BITS_OFFSET);
    }

    /** Writes a header at the writer index of {@code out} (advancing it). */
    static void write(ByteBuf out, PacketType type, long connectionId, long sequence, long ack, int ackBits) {
        out.writeShort(PacketHeaderDescriptor.MAGIC);
        out.writeByte(PacketHeaderDescriptor.VERSION);
        out.writeByte(type.code());
        out.writeLong(connectionId);
        out.writeInt((int) sequence);
        out.writeInt((int) ack);
        out.writeInt(ackBits);
    }
}
