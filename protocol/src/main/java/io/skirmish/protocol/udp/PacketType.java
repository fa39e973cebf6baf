package io.skirmish.protocol.udp;

/**
 * The type byte of a UDP packet header: says what the payload is and who may send it.
 * Codes are part of the wire format and never change meaning.
 */
public enum PacketType {
    /** Client inputs; payload {@code skirmish.game.v1.InputBatch}. */
    INPUT(1, true, false),
    /** World state; payload {@code skirmish.game.v1.Snapshot}. */
    SNAPSHOT(2, false, true),
    /** Keeps NAT bindings and idle timers alive, carries acks; empty payload. */
    KEEPALIVE(3, true, true),
    /** The sender is leaving (best effort, TCP stays authoritative); empty payload. */
    DISCONNECT(4, true, true);

    private static final PacketType[] BY_CODE = new PacketType[256];

    static {
        for (PacketType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final boolean fromClient;
    private final boolean fromServer;

    PacketType(int code, boolean fromClient, boolean fromServer) {
        this.code = code;
        this.fromClient = fromClient;
        this.fromServer = fromServer;
    }

    /** The wire code (u8). */
    public int code() {
        return code;
    }

    /** Whether packets of this type may travel in {@code direction}. */
    public boolean allowedIn(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVER ? fromClient : fromServer;
    }

    /** The type with this wire code, or null for an unknown code (no exception: hot path). */
    public static PacketType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
