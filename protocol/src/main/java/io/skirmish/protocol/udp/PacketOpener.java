package io.skirmish.protocol.udp;

import io.netty.buffer.ByteBuf;

import javax.crypto.SecretKey;

import static io.skirmish.protocol.udp.PacketHeaderDescriptor.HEADER_BYTES;

/**
 * Verifies and decrypts the datagrams one side of a connection receives (layout in
 * {@link PacketHeaderDescriptor}); the counterpart of the peer's {@link PacketSealer}.
 *
 * <p>Checks, cheapest first, and returns the first failure as a {@link PacketStatus} instead of
 * throwing (a flood of junk must cost no exception): size (before reading anything), magic,
 * version, type and its direction, connection id, replay window, then the GCM tag. The replay
 * window is updated only after the tag verified, so forged packets cannot poison it. Only an
 * {@link PacketStatus#OK} packet writes to {@code payloadOut}; the datagram's indices never move.
 *
 * <p><b>For the game server:</b> never answer a datagram that did not open with OK, and never
 * answer an unauthenticated sender with more bytes than it sent. UDP source addresses are
 * trivially forged, so any larger reply makes the server an amplifier for reflection attacks.
 * Bind a connection to the source address of its first authentic packet and drop (and count)
 * authentic packets from another address unless the connection migrates on purpose.
 *
 * <p>A packet with a valid header and a bad tag costs one GHASH pass over at most 1176 bytes (the
 * tag is checked before anything is decrypted); attackers must know a live connection id to
 * get that far. No allocation per packet: the datagram is copied into one reused array and
 * opened in place.
 * Not thread-safe: one instance per connection, used by its receiving thread only.
 */
public final class PacketOpener {
    private final PacketCipher cipher;
    private final long connectionId;
    private final ReplayWindow replayWindow = new ReplayWindow();
    private final PacketHeader header = new PacketHeader();
    private final byte[] packet = new byte[UdpLimits.MAX_PACKET_BYTES];

    /**
     * @param key          the connection's 32-byte AES key
     * @param connectionId the connection id from Welcome
     * @param direction    the direction of the packets this side receives
     */
    public PacketOpener(SecretKey key, long connectionId, Direction direction) {
        this.cipher = new PacketCipher(key, direction);
        this.connectionId = connectionId;
    }

    /** The newest authentic sequence received, -1 before the first: the {@code ack} to send back. */
    public long newestSequence() {
        return replayWindow.newest();
    }

    /**
     * Opens the datagram made of {@code datagram}'s readable bytes. On {@link PacketStatus#OK}
     * the plaintext payload is appended to {@code payloadOut} and the header may be read with a
     * {@link PacketHeader}; on anything else nothing is written and the datagram must be dropped.
     */
    public PacketStatus open(ByteBuf datagram, ByteBuf payloadOut) {
        int length = datagram.readableBytes();
        if (length < UdpLimits.MIN_PACKET_BYTES) {
            return PacketStatus.TOO_SHORT;
        }
        if (length > UdpLimits.MAX_PACKET_BYTES) {
            return PacketStatus.TOO_LARGE;
        }
        PacketHeader h = header.wrap(datagram);
        if (h.magic() != PacketHeaderDescriptor.MAGIC) {
            return PacketStatus.BAD_MAGIC;
        }
        if (h.version() != PacketHeaderDescriptor.VERSION) {
            return PacketStatus.BAD_VERSION;
        }
        PacketType type = h.type();
        if (type == null || !type.allowedIn(cipher.direction())) {
            return PacketStatus.BAD_TYPE;
        }
        if (h.connectionId() != connectionId) {
            return PacketStatus.WRONG_CONNECTION;
        }
        long sequence = h.sequence();
        PacketStatus fresh = replayWindow.check(sequence);
        if (fresh != PacketStatus.OK) {
            return fresh;
        }
        datagram.getBytes(datagram.readerIndex(), packet, 0, length);
        int plainLength = cipher.open(sequence, packet, length);
        if (plainLength < 0) {
            return PacketStatus.BAD_TAG;
        }
        replayWindow.markReceived(sequence);
        payloadOut.writeBytes(packet, HEADER_BYTES, plainLength);
        return PacketStatus.OK;
    }
}
