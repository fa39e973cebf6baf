package io.skirmish.protocol.udp;

/**
 * Which way a packet travels. Both directions of a connection share one AES key, so the
 * direction is part of the GCM nonce: without it, client packet 7 and server packet 7 would
 * use the same key and nonce, which breaks GCM completely (keystream reuse, forgeable tags).
 *
 * <pre>
 * 12-byte GCM nonce:
 * +-------------------------------+---------------------------------------------------+
 * | direction constant (4 bytes)  | 0x00000000 | sequence u32 (8 bytes, big endian)   |
 * +-------------------------------+---------------------------------------------------+
 * </pre>
 */
public enum Direction {
    /** Client to game server: inputs. */
    CLIENT_TO_SERVER(0x63327300), // "c2s\0"
    /** Game server to client: snapshots. */
    SERVER_TO_CLIENT(0x73326300); // "s2c\0"

    /** Bytes of the GCM nonce (the size GCM handles without an extra GHASH). */
    public static final int NONCE_BYTES = 12;

    private final int nonceConstant;

    Direction(int nonceConstant) {
        this.nonceConstant = nonceConstant;
    }

    /** The first 4 bytes of this direction's nonces, a wire constant (docs/protocol.md, "Nonce"). */
    public int nonceConstant() {
        return nonceConstant;
    }

    /** The opposite direction (what a peer's opener expects from this side's sealer). */
    public Direction reverse() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }

    /** Fills {@code nonce} (12 bytes) for a packet with {@code sequence}. */
    void writeNonce(byte[] nonce, long sequence) {
        writeInt(nonce, 0, nonceConstant);
        writeInt(nonce, 4, (int) (sequence >>> 32));
        writeInt(nonce, 8, (int) sequence);
    }

    private static void writeInt(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }
}
