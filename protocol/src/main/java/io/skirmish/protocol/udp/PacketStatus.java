package io.skirmish.protocol.udp;

import java.util.Locale;

/**
 * Outcome of {@link PacketOpener#open}. Every value but {@link #OK} means "drop the datagram
 * silently and count it": UDP gets no error reply, because a reply to a forged source address
 * would turn the server into a reflector. Use {@link #metricTag()} as the {@code reason} tag of
 * {@code game.net.packets.rejected}.
 */
public enum PacketStatus {
    /** Authentic and fresh; the payload was written. */
    OK,
    /** Fewer bytes than a header and a tag. */
    TOO_SHORT,
    /** More than {@link UdpLimits#MAX_PACKET_BYTES}. */
    TOO_LARGE,
    /** Not a Skirmish packet. */
    BAD_MAGIC,
    /** A header version this build does not speak. */
    BAD_VERSION,
    /** Unknown packet type, or one the sender's side may not send. */
    BAD_TYPE,
    /** The connection id is not this opener's connection. */
    WRONG_CONNECTION,
    /** The sequence was already received (replay or network duplicate). */
    DUPLICATE,
    /** The sequence is older than the replay window can tell. */
    TOO_OLD,
    /** The GCM tag did not verify: forged, corrupted, or another key. */
    BAD_TAG;

    private final String metricTag = name().toLowerCase(Locale.ROOT);

    /** Lower-case name, for metric tags. */
    public String metricTag() {
        return metricTag;
    }
}
