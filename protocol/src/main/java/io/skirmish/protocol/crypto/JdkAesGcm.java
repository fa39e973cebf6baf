package io.skirmish.protocol.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM from the JDK's {@code AES/GCM/NoPadding} cipher (SunJCE: AES-NI and carry-less
 * multiply intrinsics, constant-time on x86-64 and ARMv8). A new nonce can only be given through
 * {@code Cipher.init}, so every message starts with one: about a kilobyte of garbage per message
 * on JDK 17 (the key and nonce copies and a new GCM engine). A forged message costs an
 * {@link AEADBadTagException}. Not thread-safe.
 */
public final class JdkAesGcm implements PacketAead {
    private static final int TAG_BITS = TAG_BYTES * 8;

    private final SecretKey key;
    private final Cipher cipher;

    public JdkAesGcm(SecretKey key) {
        this.key = Objects.requireNonNull(key, "key");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            // Fails now, not on the first packet, for a key the cipher does not take. Decrypt mode:
            // an encrypt-mode init would make the first message's nonce, if all zero, a "reuse".
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, new byte[NONCE_BYTES]));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("AES/GCM refuses key " + key.getAlgorithm(), e);
        }
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                    byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad, aadOffset, aadLength);
            return cipher.doFinal(in, inOffset, length, out, outOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM seal failed", e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                    byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (length < TAG_BYTES) {
            return -1;
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad, aadOffset, aadLength);
            return cipher.doFinal(in, inOffset, length, out, outOffset);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM open failed", e);
        }
    }
}
