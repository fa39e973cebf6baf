package io.skirmish.protocol.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * AES-GCM (NIST SP 800-38D) with 96-bit nonces and 128-bit tags, built to seal and open message
 * after message with one key and no per-message set-up or allocation.
 *
 * <p>Why not {@code Cipher.getInstance("AES/GCM/NoPadding")}: GCM needs a fresh nonce per
 * message and the JDK's only way to give one is {@code Cipher.init}, which on JDK 17 copies the
 * key, compares it and the nonce with the previous ones, builds a new GCM engine (counter,
 * GHASH state, buffers) and allocates about a kilobyte, per message. For 100-byte game packets
 * that set-up costs more than the encryption.
 *
 * <p>Construction: the AES block function is the JDK's {@code AES/ECB/NoPadding} cipher,
 * initialised once (it uses the AES instructions of the CPU); counter mode is done here by
 * encrypting the counter blocks {@code nonce || 2, nonce || 3, ...} in batches and XOR-ing them
 * with the data; {@code E(K, nonce || 1)} masks the tag. GHASH ({@link Ghash}) is table-driven
 * multiplication in GF(2^128) by {@code H = E(K, 0^128)}, four blocks per reduction chain.
 * Correctness is proven by {@code AesGcmTest}: the test vectors of the GCM specification
 * (McGrew and Viega, the ones NIST SP 800-38D refers to), and agreement with the JDK's
 * AES/GCM on random keys, nonces, lengths and associated data.
 *
 * <p>Table-driven GHASH is not constant-time with respect to cache timing (the table index is
 * data-dependent, as in OpenSSL's and mbed TLS's portable GHASH); that leaks to an attacker who
 * shares the CPU cache with the process, not over the network.
 *
 * <p>Callers must never seal two messages with the same key and nonce (the JDK checks the last
 * one only; {@code PacketSealer} guarantees it with a sequence number that never repeats).
 * A message may be sealed or opened in place ({@code in == out} with the same offset); other
 * overlaps are not supported. Not thread-safe: one instance per thread.
 */
public final class AesGcm implements PacketAead {
    /** Nonce length: 96 bits, the only size this class supports (no nonce GHASH). */
    public static final int NONCE_BYTES = 12;
    /** Tag length: 128 bits. */
    public static final int TAG_BYTES = 16;

    private static final int BLOCK_BYTES = Ghash.BLOCK_BYTES;
    /** Counter blocks encrypted per call to the block cipher. */
    private static final int BATCH_BLOCKS = 8;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final Cipher aes;
    private final Ghash ghash;
    private final byte[] counters = new byte[BATCH_BLOCKS * BLOCK_BYTES];
    private final byte[] keystream = new byte[BATCH_BLOCKS * BLOCK_BYTES];
    /** E(K, J0): the tag mask of the current message. */
    private long maskHigh;
    private long maskLow;
    /** Keystream bytes of the current batch: [keystreamOffset, keystreamLimit) not used yet. */
    private int keystreamOffset;
    private int keystreamLimit;
    private int nextCounter;

    /**
     * @param key an AES key of 16, 24 or 32 bytes
     * @throws IllegalArgumentException if it is not one
     */
    public AesGcm(SecretKey key) {
        Objects.requireNonNull(key, "key");
        byte[] encoded = key.getEncoded();
        int length = encoded == null ? -1 : encoded.length;
        if (!"AES".equalsIgnoreCase(key.getAlgorithm()) || (length != 16 && length != 24 && length != 32)) {
            throw new IllegalArgumentException("need an AES key of 16, 24 or 32 bytes, got " + key.getAlgorithm()
                    + " of " + (length < 0 ? "?" : length) + " bytes");
        }
        byte[] h = new byte[BLOCK_BYTES];
        try {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, key);
            aes.update(new byte[BLOCK_BYTES], 0, BLOCK_BYTES, h, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without usable AES/ECB", e);
        }
        ghash = new Ghash(h);
    }

    /**
     * Encrypts {@code length} bytes of {@code in} and authenticates them with the associated data,
     * writing the ciphertext and then the tag to {@code out}.
     *
     * @return bytes written: {@code length + TAG_BYTES}
     */
    @Override
    public int seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                    byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(aadOffset, aadLength, aad.length);
        Objects.checkFromIndexSize(inOffset, length, in.length);
        Objects.checkFromIndexSize(outOffset, length + TAG_BYTES, out.length);
        start(nonce, length);
        ghash.update(aad, aadOffset, aadLength);
        applyKeystream(in, inOffset, out, outOffset, length);
        ghash.update(out, outOffset, length);
        ghash.finish(aadLength, length);
        writeLong(out, outOffset + length, ghash.high() ^ maskHigh);
        writeLong(out, outOffset + length + 8, ghash.low() ^ maskLow);
        return length + TAG_BYTES;
    }

    /**
     * Verifies {@code length} bytes of {@code in} (ciphertext, then tag) with the associated data
     * and, only if the tag is right, writes the plaintext to {@code out}.
     *
     * @return the plaintext length ({@code length - TAG_BYTES}), or -1 if the message is shorter
     *         than a tag or not authentic (then nothing was written)
     */
    @Override
    public int open(byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                    byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(aadOffset, aadLength, aad.length);
        Objects.checkFromIndexSize(inOffset, length, in.length);
        int textLength = length - TAG_BYTES;
        if (textLength < 0) {
            return -1;
        }
        Objects.checkFromIndexSize(outOffset, textLength, out.length);
        start(nonce, textLength);
        ghash.update(aad, aadOffset, aadLength);
        ghash.update(in, inOffset, textLength);
        ghash.finish(aadLength, textLength);
        // Both halves compared without an early exit: no timing hint about where a forgery went wrong.
        long difference = (ghash.high() ^ maskHigh ^ readLong(in, inOffset + textLength))
                | (ghash.low() ^ maskLow ^ readLong(in, inOffset + textLength + 8));
        if (difference != 0) {
            return -1;
        }
        applyKeystream(in, inOffset, out, outOffset, textLength);
        return textLength;
    }

    /** Resets the hash and computes the first keystream batch, whose first block is the tag mask. */
    private void start(byte[] nonce, int textLength) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + NONCE_BYTES + " bytes, got " + nonce.length);
        }
        long nonceHigh = readLong(nonce, 0);
        int nonceLow = (int) INT.get(nonce, 8);
        int blocks = Math.min(BATCH_BLOCKS, 1 + blocksFor(textLength));
        for (int b = 0; b < BATCH_BLOCKS; b++) {
            LONG.set(counters, b * BLOCK_BYTES, nonceHigh);
            INT.set(counters, b * BLOCK_BYTES + 8, nonceLow);
        }
        ghash.reset();
        nextCounter = 1;
        encryptCounters(blocks);
        maskHigh = readLong(keystream, 0);
        maskLow = readLong(keystream, 8);
        keystreamOffset = BLOCK_BYTES;
    }

    /** Encrypts the next {@code blocks} counter blocks into {@link #keystream}. */
    private void encryptCounters(int blocks) {
        for (int b = 0; b < blocks; b++) {
            INT.set(counters, b * BLOCK_BYTES + NONCE_BYTES, nextCounter++);
        }
        try {
            aes.update(counters, 0, blocks * BLOCK_BYTES, keystream, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES block encryption failed", e);
        }
        keystreamOffset = 0;
        keystreamLimit = blocks * BLOCK_BYTES;
    }

    /** Counter mode: out = in XOR keystream, continuing the current message's counter. */
    private void applyKeystream(byte[] in, int inOffset, byte[] out, int outOffset, int length) {
        int done = 0;
        while (done < length) {
            if (keystreamOffset == keystreamLimit) {
                encryptCounters(Math.min(BATCH_BLOCKS, blocksFor(length - done)));
            }
            int n = Math.min(keystreamLimit - keystreamOffset, length - done);
            int i = 0;
            for (; i + Long.BYTES <= n; i += Long.BYTES) {
                writeLong(out, outOffset + done + i,
                        readLong(in, inOffset + done + i) ^ readLong(keystream, keystreamOffset + i));
            }
            for (; i < n; i++) {
                out[outOffset + done + i] = (byte) (in[inOffset + done + i] ^ keystream[keystreamOffset + i]);
            }
            keystreamOffset += n;
            done += n;
        }
    }

    private static int blocksFor(int bytes) {
        return (bytes + BLOCK_BYTES - 1) / BLOCK_BYTES;
    }

    private static long readLong(byte[] bytes, int offset) {
        return (long) LONG.get(bytes, offset);
    }

    private static void writeLong(byte[] bytes, int offset, long value) {
        LONG.set(bytes, offset, value);
    }
}
