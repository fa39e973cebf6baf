package io.skirmish.protocol.crypto;

/**
 * AES-GCM with one key, 96-bit nonces and 128-bit tags, sealing and opening message after
 * message: what {@code PacketCipher} needs from an implementation. A message may be sealed or
 * opened in place ({@code in == out} at the same offset). Not thread-safe: one instance per
 * thread.
 *
 * <p>Implementations: {@link JdkAesGcm} (the JDK's {@code AES/GCM/NoPadding}), {@link BcAesGcm}
 * (Bouncy Castle's lightweight GCM) and {@link AesGcm} (the project's own engine); which one
 * the UDP packets use is {@link PacketAeads}' choice.
 */
public interface PacketAead {
    /** Nonce length: 96 bits. */
    int NONCE_BYTES = 12;
    /** Tag length: 128 bits. */
    int TAG_BYTES = 16;

    /**
     * Encrypts {@code length} bytes of {@code in} and authenticates them with the associated
     * data, writing the ciphertext and then the tag to {@code out}. The nonce must never repeat
     * with this key.
     *
     * @return bytes written: {@code length + TAG_BYTES}
     */
    int seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength,
             byte[] in, int inOffset, int length, byte[] out, int outOffset);

    /**
     * Verifies {@code length} bytes of {@code in} (ciphertext, then tag) with the associated data
     * and decrypts them to {@code out}.
     *
     * @return the plaintext length ({@code length - TAG_BYTES}), or -1 if the message is shorter
     *         than a tag or not authentic (then {@code out} must be treated as garbage)
     */
    int open(byte[] nonce, byte[] aad, int aadOffset, int aadLength,
             byte[] in, int inOffset, int length, byte[] out, int outOffset);
}
