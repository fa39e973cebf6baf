package io.skirmish.protocol.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): turns a shared secret (input keying material) into
 * uniformly random keys. JDK 17 has no HKDF API (it arrived as a preview in JDK 24), and the
 * construction is two HMAC loops, so it lives here rather than in a dependency. Stateless.
 */
public final class Hkdf {
    /** Output size of HMAC-SHA256. */
    public static final int HASH_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private Hkdf() {
    }

    /**
     * HKDF-Extract: {@code PRK = HMAC(salt, ikm)}. An empty or null salt means 32 zero bytes.
     */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        byte[] effectiveSalt = salt == null || salt.length == 0 ? new byte[HASH_BYTES] : salt;
        Mac mac = mac(effectiveSalt);
        return mac.doFinal(ikm);
    }

    /**
     * HKDF-Expand: {@code T(i) = HMAC(prk, T(i-1) | info | i)}, concatenated and cut to {@code length}.
     *
     * @param length 1..255*32 bytes
     */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length <= 0 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF output length out of 1.." + 255 * HASH_BYTES + ": " + length);
        }
        Mac mac = mac(prk);
        byte[] output = new byte[length];
        byte[] block = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            mac.update(block);
            mac.update(info == null ? new byte[0] : info);
            mac.update((byte) counter);
            block = mac.doFinal();
            int chunk = Math.min(block.length, length - written);
            System.arraycopy(block, 0, output, written, chunk);
            written += chunk;
        }
        return output;
    }

    /** Extract then expand. */
    public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        return expand(extract(salt, ikm), info, length);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without " + HMAC, e);
        }
    }
}
