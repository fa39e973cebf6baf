package io.skirmish.protocol.udp;

/**
 * Layout of the 24-byte clear header at the start of every Skirmish UDP datagram, described once.
 * All fields are big endian.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     magic 0x534B ("SK")       |   version     |  packet type  |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |  4
 * +                  connection id (u64, from Welcome)            +
 * |                                                               |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       sequence (u32, per sender and direction, from 1)        | 12
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       ack (u32, newest sequence received from the peer)       | 16
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       ack bits (bit i set = ack - 1 - i also received)        | 20
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       AES-256-GCM ciphertext of the payload (0..1160 bytes)   | 24
 * |                             ...                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       GCM tag (16 bytes) over header (AAD) and ciphertext     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The header is in the clear so that a server can find the connection (by id) and drop
 * stale or duplicate packets before spending a decryption; it is authenticated as the AEAD's
 * associated data, so changing any header bit fails the tag.
 */
public final class PacketHeaderDescriptor {
    /** "SK": cheap first filter against stray traffic. */
    public static final int MAGIC = 0x534B;
    /** Version of this header layout and of the AEAD construction. */
    public static final int VERSION = 1;

    /** Offset of the u16 magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the u8 version. */
    public static final int VERSION_OFFSET = 2;
    /** Offset of the u8 packet type ({@link PacketType#code()}). */
    public static final int TYPE_OFFSET = 3;
    /** Offset of the u64 connection id. */
    public static final int CONNECTION_ID_OFFSET = 4;
    /** Offset of the u32 sequence. */
    public static final int SEQUENCE_OFFSET = 12;
    /** Offset of the u32 ack. */
    public static final int ACK_OFFSET = 16;
    /** Offset of the u32 ack bits. */
    public static final int ACK_BITS_OFFSET = 20;
    /** Length of the header; the ciphertext starts here. */
    public static final int HEADER_BYTES = 24;

    /** Largest sequence number: sequences are u32 and never wrap (see {@link PacketSealer}). */
    public static final long MAX_SEQUENCE = 0xFFFF_FFFFL;

    private PacketHeaderDescriptor() {
    }
}
