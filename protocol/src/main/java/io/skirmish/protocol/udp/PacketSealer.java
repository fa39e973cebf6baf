package io.skirmish.protocol.udp;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import javax.crypto.SecretKey;
import java.io.IOException;

import static io.skirmish.protocol.udp.PacketHeaderDescriptor.HEADER_BYTES;

/**
 * Builds the authenticated datagrams one side of a connection sends: header, AES-256-GCM
 * ciphertext, tag (layout in {@link PacketHeaderDescriptor}). The 24-byte header is the
 * associated data; the nonce is the direction constant and the sequence ({@link Direction}).
 *
 * <p>The sealer owns the outgoing sequence counter (from 1, +1 per packet) so a sequence, and
 * therefore a nonce, is never used twice with the key. After 2^32-1 packets (over a year at
 * 128 Hz) it refuses to continue: the connection must handshake again.
 *
 * <p>Allocation per packet: none; the packet is assembled and encrypted in place in one reused
 * 1200-byte array. Not thread-safe: one instance per connection, used by the connection's
 * sending thread only.
 */
public final class PacketSealer {
    private final PacketCipher cipher;
    private final long connectionId;
    private final byte[] packet = new byte[UdpLimits.MAX_PACKET_BYTES];
    private final ByteBuf headerWriter = Unpooled.wrappedBuffer(packet);
    private long nextSequence = 1;

    /**
     * @param key          the connection's 32-byte AES key ({@link io.skirmish.protocol.crypto.KeyExchange})
     * @param connectionId the connection id from Welcome
     * @param direction    the direction this side sends in
     */
    public PacketSealer(SecretKey key, long connectionId, Direction direction) {
        this.cipher = new PacketCipher(key, direction);
        this.connectionId = connectionId;
    }

    /** The sequence the next packet will carry. */
    public long nextSequence() {
        return nextSequence;
    }

    /**
     * Appends one datagram carrying {@code payload}'s readable bytes (not consumed) to {@code out}.
     *
     * @return the packet's sequence (to match later acks)
     * @throws IllegalArgumentException if the payload exceeds {@link UdpLimits#MAX_PAYLOAD_BYTES}
     *                                  or the type may not be sent in this direction
     */
    public long seal(PacketType type, long ack, int ackBits, ByteBuf payload, ByteBuf out) {
        int length = checkPayload(type, payload.readableBytes());
        payload.getBytes(payload.readerIndex(), packet, HEADER_BYTES, length);
        return encrypt(type, ack, ackBits, length, out);
    }

    /** As {@link #seal(PacketType, long, int, ByteBuf, ByteBuf)}, serializing {@code payload} in place. */
    public long seal(PacketType type, long ack, int ackBits, MessageLite payload, ByteBuf out) {
        int length = checkPayload(type, payload.getSerializedSize());
        try {
            CodedOutputStream coded = CodedOutputStream.newInstance(packet, HEADER_BYTES, length);
            payload.writeTo(coded);
            coded.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("payload changed size while serializing", e);
        }
        return encrypt(type, ack, ackBits, length, out);
    }

    /** Appends a datagram with an empty payload (KEEPALIVE, DISCONNECT). */
    public long seal(PacketType type, long ack, int ackBits, ByteBuf out) {
        return encrypt(type, ack, ackBits, checkPayload(type, 0), out);
    }

    private int checkPayload(PacketType type, int length) {
        if (!type.allowedIn(cipher.direction())) {
            throw new IllegalArgumentException(type + " may not be sent " + cipher.direction());
        }
        if (length > UdpLimits.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload of " + length + " bytes exceeds "
                    + UdpLimits.MAX_PAYLOAD_BYTES);
        }
        if (nextSequence > PacketHeaderDescriptor.MAX_SEQUENCE) {
            throw new IllegalStateException("sequence space exhausted on connection "
                    + Long.toUnsignedString(connectionId) + ": handshake again for a new key");
        }
        return length;
    }

    private long encrypt(PacketType type, long ack, int ackBits, int length, ByteBuf out) {
        long sequence = nextSequence++;
        headerWriter.clear();
        PacketHeader.write(headerWriter, type, connectionId, sequence, ack, ackBits);
        out.writeBytes(packet, 0, cipher.seal(sequence, packet, length));
        return sequence;
    }
}
