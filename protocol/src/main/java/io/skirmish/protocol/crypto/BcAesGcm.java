package io.skirmish.protocol.crypto;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.SecretKey;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * AES-GCM from Bouncy Castle's lightweight API ({@link GCMModeCipher}): initialised once with
 * the key, then re-initialised per message with only the new nonce (no key schedule, no new
 * engine; a few dozen bytes of garbage). Bouncy Castle's AES here is its own Java code
 * (table-driven, like the project's GHASH: not constant-time against a cache-sharing
 * attacker), not the CPU's AES instructions. Opening decrypts while it hashes, so a forged
 * message leaves garbage in {@code out}. Not thread-safe.
 */
public final class BcAesGcm implements PacketAead {
    private static final int TAG_BITS = TAG_BYTES * 8;

    private final GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());

    public BcAesGcm(SecretKey key) {
        Objects.requireNonNull(key, "key");
        // Bouncy Castle refuses to encrypt with the nonce of the previous init, whatever its mode:
        // the key's first init takes a random nonce no message will use.
        byte[] unused = new byte[NONCE_BYTES];
        ThreadLocalRandom.current().nextBytes(unused);
        gcm.init(false, new AEADParameters(new KeyParameter(key.getEncoded()), TAG_BITS, unused));
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                    byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        // A null key keeps the key schedule of the first init.
        gcm.init(true, new ParametersWithIV(null, nonce));
        gcm.processAADBytes(aad, aadOffset, aadLength);
        int written = gcm.processBytes(in, inOffset, length, out, outOffset);
        try {
            return written + gcm.doFinal(out, outOffset + written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("GCM seal failed", e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                    byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (length < TAG_BYTES) {
            return -1;
        }
        gcm.init(false, new ParametersWithIV(null, nonce));
        gcm.processAADBytes(aad, aadOffset, aadLength);
        int written = gcm.processBytes(in, inOffset, length, out, outOffset);
        try {
            return written + gcm.doFinal(out, outOffset + written);
        } catch (InvalidCipherTextException e) {
            return -1;
        }
    }
}
