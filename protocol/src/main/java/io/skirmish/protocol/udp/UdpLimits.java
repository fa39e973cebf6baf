package io.skirmish.protocol.udp;

/**
 * Size limits of UDP datagrams.
 *
 * <p>1200 bytes is the datagram size QUIC also assumes: it passes the 1280-byte IPv6 minimum
 * MTU with room for IP and UDP headers, so packets are never fragmented. Netty truncates
 * datagrams above 2048 bytes unless the receive allocator is sized, and a truncated datagram
 * would fail the size check anyway.
 */
public final class UdpLimits {
    /** Largest datagram, header and tag included. */
    public static final int MAX_PACKET_BYTES = 1200;
    /** Bytes of the AES-GCM authentication tag at the end of every datagram. */
    public static final int TAG_BYTES = 16;
    /** Largest payload (the plaintext between header and tag). */
    public static final int MAX_PAYLOAD_BYTES = MAX_PACKET_BYTES - PacketHeaderDescriptor.HEADER_BYTES - TAG_BYTES;
    /** Smallest datagram: a header and a tag around an empty payload (e.g. KEEPALIVE). */
    public static final int MIN_PACKET_BYTES = PacketHeaderDescriptor.HEADER_BYTES + TAG_BYTES;

    private UdpLimits() {
    }
}
