package io.skirmish.game.tick;

/**
 * Layout of the messages I/O threads hand to a tick agent through its many-to-one ring buffer.
 * Fixed size, little-endian (Agrona's native order), no object per message.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      match index (int)                        |  0
 *  +---------------------------------------------------------------+
 *  |                    match generation (int)                     |  4
 *  +---------------------------------------------------------------+
 *  |                        player slot (int)                      |  8
 *  +---------------------------------------------------------------+
 *  |                     flags (int: bit 0 = fire)                 | 12
 *  +---------------------------------------------------------------+
 *  |                      input sequence (long)                    | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          view tick = newest snapshot the client has (long)    | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                         move x (float)                        | 32
 *  +---------------------------------------------------------------+
 *  |                         move y (float)                        | 36
 *  +---------------------------------------------------------------+
 *  |                      aim, radians (float)                     | 40
 *  +---------------------------------------------------------------+
 *  |                       (padding, 4 bytes)                      | 44
 *  +---------------------------------------------------------------+
 *  |     received: when the I/O thread read the datagram (long,    | 48
 *  |     the server's monotonic clock, ns)                         |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Connection events (connected, disconnected, left) use the first 16 bytes and carry the UDP
 * connection id in place of the input sequence. The match
 * generation makes a message for a match that has ended, and whose index was reused, harmless.
 */
public final class InboundDescriptor {

    /** An input from a client. */
    public static final int INPUT = 1;
    /** A player's connection came up (first connect or reconnect). */
    public static final int CONNECTED = 2;
    /** A player's connection dropped; it may come back within the grace period. */
    public static final int DISCONNECTED = 3;
    /** A player left for good (asked to leave, or the grace period ran out). */
    public static final int LEFT = 4;

    public static final int MATCH_INDEX_OFFSET = 0;
    public static final int GENERATION_OFFSET = 4;
    public static final int SLOT_OFFSET = 8;
    public static final int FLAGS_OFFSET = 12;
    public static final int SEQUENCE_OFFSET = 16;
    public static final int CONNECTION_ID_OFFSET = 16;
    public static final int VIEW_TICK_OFFSET = 24;
    public static final int MOVE_X_OFFSET = 32;
    public static final int MOVE_Y_OFFSET = 36;
    public static final int AIM_OFFSET = 40;
    public static final int RECEIVED_NS_OFFSET = 48;

    public static final int INPUT_LENGTH = 56;
    public static final int EVENT_LENGTH = 24;

    public static final int FLAG_FIRE = 1;

    private InboundDescriptor() {
    }
}
