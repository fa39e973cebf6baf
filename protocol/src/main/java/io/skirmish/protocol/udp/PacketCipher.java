package io.skirmish.protocol.udp;

import java.util.Objects;

import javax.crypto.SecretKey;

import io.skirmish.protocol.crypto.JdkAesGcm;

import static io.skirmish.protocol.udp.PacketHeaderDescriptor.HEADER_BYTES;

/**
 * The AES-256-GCM of one {@link PacketSealer} or {@link PacketOpener}: one key, one direction,
 * packets sealed and opened in place in a byte array laid out as on the wire (header, then
 * payload or ciphertext, then tag), the header being the associated data.
 *
 * <p>AES-GCM rather than ChaCha20-Poly1305: the JDK gives AES in hardware (AES-NI, ARMv8 AES)
 * and we need nothing else from it; the mode is the JDK's own ({@link JdkAesGcm}). Both are
 * AEADs with a 96-bit nonce and a 128-bit tag, so switching later changes only this class and
 * the header version.
 * Not thread-safe.
 */
final class PacketCipher {
    private static final int KEY_BYTES = 32;

    private final JdkAesGcm gcm;
    private final Direction direction;
    private final byte[] nonce = new byte[Direction.NONCE_BYTES];

    PacketCipher(SecretKey key, Direction direction) {
        Objects.requireNonNull(key, "key");
        this.direction = Objects.requireNonNull(direction, "direction");
        byte[] encoded = key.getEncoded();
        if (!"AES".equals(key.getAlgorithm()) || encoded == null || encoded.length != KEY_BYTES) {
            throw new IllegalArgumentException("need a 32-byte AES key, got " + key.getAlgorithm()
                    + " of " + (encoded == null ? "?" : encoded.length) + " bytes");
        }
        this.gcm = new JdkAesGcm(key);
    }

    Direction direction() {
        return direction;
    }

    /**
     * Encrypts the {@code payloadLength} bytes after the header of {@code packet} in place and
     * appends the tag; the sequence must never repeat with this key and direction.
     *
     * @return the sealed packet's length
     */
    int seal(long sequence, byte[] packet, int payloadLength) {
        direction.writeNonce(nonce, sequence);
        return HEADER_BYTES + gcm.seal(nonce, packet, 0, HEADER_BYTES, packet, HEADER_BYTES, payloadLength,
                packet, HEADER_BYTES);
    }

    /**
     * Verifies and decrypts the {@code length}-byte packet in place.
     *
     * @return the payload length (the payload starts after the header), or -1 if not authentic
     */
    int open(long sequence, byte[] packet, int length) {
        direction.writeNonce(nonce, sequence);
        return gcm.open(nonce, packet, 0, HEADER_BYTES, packet, HEADER_BYTES, length - HEADER_BYTES,
                packet, HEADER_BYTES);
    }
}
