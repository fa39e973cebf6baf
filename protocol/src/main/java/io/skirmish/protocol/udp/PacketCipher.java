package io.skirmish.protocol.udp;

import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The AES-256-GCM instance of one {@link PacketSealer} or {@link PacketOpener}: one reused
 * {@link Cipher}, one key, one direction.
 *
 * <p>AES-GCM rather than ChaCha20-Poly1305: JDK 17 has HotSpot intrinsics for AES-GCM (AES-NI
 * and carry-less multiply on x86-64, the AES and PMULL instructions on AArch64), while the
 * ChaCha20 and Poly1305 intrinsics only arrived in JDK 20 (JDK-8247645, JDK-8288047). On JDK 17
 * AES-GCM is several times faster for packet-sized messages. Both are AEADs with a 96-bit nonce
 * and a 128-bit tag, so switching later changes only this class and the header version.
 *
 * <p>The JDK refuses to re-initialise a GCM cipher for encryption with the key and IV it used
 * last (a guard against nonce reuse). Sequence numbers never repeat per direction, so every
 * {@link #init} gets a fresh IV. Decryption is re-initialised for every packet, as the JDK
 * requires after {@code doFinal}. Not thread-safe.
 */
final class PacketCipher {
    private static final int TAG_BITS = UdpLimits.TAG_BYTES * Byte.SIZE;
    private static final int KEY_BYTES = 32;

    private final Cipher cipher;
    private final SecretKey key;
    private final Direction direction;
    private final byte[] nonce = new byte[Direction.NONCE_BYTES];

    PacketCipher(SecretKey key, Direction direction) {
        this.key = Objects.requireNonNull(key, "key");
        this.direction = Objects.requireNonNull(direction, "direction");
        byte[] encoded = key.getEncoded();
        if (!"AES".equals(key.getAlgorithm()) || encoded == null || encoded.length != KEY_BYTES) {
            throw new IllegalArgumentException("need a 32-byte AES key, got " + key.getAlgorithm()
                    + " of " + (encoded == null ? "?" : encoded.length) + " bytes");
        }
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("JDK without AES/GCM", e);
        }
    }

    Direction direction() {
        return direction;
    }

    /** Prepares the cipher for one packet. */
    Cipher init(int mode, long sequence) {
        direction.writeNonce(nonce, sequence);
        try {
            // GCMParameterSpec copies the nonce: the one allocation per packet the JDK API forces.
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM init failed for sequence " + sequence, e);
        }
        return cipher;
    }
}
