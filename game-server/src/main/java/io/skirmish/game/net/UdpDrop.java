package io.skirmish.game.net;

import java.util.Locale;

/**
 * Why the game server dropped a datagram after the packet opener had its say (the opener's own
 * reasons are {@link io.skirmish.protocol.udp.PacketStatus}). Metric tags, low cardinality.
 */
public enum UdpDrop {
    /** The header names no live connection. */
    UNKNOWN_CONNECTION,
    /** From another IP address than the connection's TCP peer (spoofed, or a client behind a split NAT). */
    FOREIGN_ADDRESS,
    /** Arrived on another socket's thread while too many of the connection's packets already waited for its receiver. */
    FORWARD_BACKLOG,
    /** Authentic, but the payload is not a valid message for its type. */
    MALFORMED_PAYLOAD,
    /** More inputs in one packet than a client may send. */
    TOO_MANY_INPUTS,
    /** The tick agent's inbound ring buffer was full; the input is lost (clients resend). */
    INBOUND_FULL;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
