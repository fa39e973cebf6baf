package io.skirmish.protocol.token;

import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Signs and checks opaque tokens: a body (the claims) with an HMAC-SHA256 under a secret from a
 * {@link TokenKeyRing}. Used by connect tokens and session tokens, each with its own purpose.
 *
 * <pre>
 * +-----------+----------+---------------------+------------------+-----------------------+
 * | version u8| key id u8| body length N (u16) | body (N bytes)   | HMAC-SHA256 (32 bytes)|
 * +-----------+----------+---------------------+------------------+-----------------------+
 *   0           1          2                     4                  4 + N
 *
 * HMAC = HMAC-SHA256(secret[key id], purpose (ASCII) | 0x00 | bytes [0, 4 + N))
 * </pre>
 *
 * <p>The purpose string is MACed but not sent: a session token can never pass as a connect
 * token even under the same secret (domain separation). The body is signed, not encrypted: it
 * holds nothing secret. The MAC is compared in constant time ({@link MessageDigest#isEqual}) so
 * timing reveals nothing about how many bytes of a forgery were right.
 *
 * <p>Thread-safe. Each thread keeps one {@link Mac} per key id, initialised with its key once:
 * the match-server checks a session token on every request, and creating and keying a
 * {@code Mac} per call (a provider look-up, an object and two hash blocks of key padding) cost
 * more than the MAC itself ({@code SignedEnvelopeBenchmark}). {@code doFinal} leaves a
 * {@code Mac} ready for the next message under the same key.
 */
public final class SignedEnvelope {
    /** Version byte of this layout. */
    public static final int VERSION = 1;
    /** Width of the key id: one byte, so a ring holds ids 0..255. */
    public static final int KEY_ID_BYTES = 1;
    /** Bytes before the body: version, key id, u16 body length. */
    public static final int PREFIX_BYTES = 1 + KEY_ID_BYTES + 2;
    /** Bytes of the MAC after the body. */
    public static final int MAC_BYTES = 32;
    /** Largest token accepted or produced. */
    public static final int MAX_TOKEN_BYTES = 512;
    /** Largest body that fits in {@link #MAX_TOKEN_BYTES}. */
    public static final int MAX_BODY_BYTES = MAX_TOKEN_BYTES - PREFIX_BYTES - MAC_BYTES;

    private final KeyRingSource keys;
    private final byte[] purpose;
    private final ErrorCode invalidCode;
    /** Per thread: the ring its Macs were keyed from, and that ring's initialised Mac per key id. */
    private final ThreadLocal<MacCache> macs = ThreadLocal.withInitial(MacCache::new);

    /** One thread's Macs; dropped as a whole when the ring is reloaded (a key id may get a new secret). */
    private static final class MacCache {
        TokenKeyRing ring;
        Mac[] byKeyId = new Mac[256];
    }

    /**
     * @param keys        the secrets (read once per token, so a reloaded ring applies to the next one)
     * @param purpose     domain separation label, e.g. {@code "skirmish connect v1"}
     * @param invalidCode the code thrown for a bad token (e.g. TOKEN_INVALID, UNAUTHENTICATED)
     */
    public SignedEnvelope(KeyRingSource keys, String purpose, ErrorCode invalidCode) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.purpose = Objects.requireNonNull(purpose, "purpose").getBytes(StandardCharsets.US_ASCII);
        this.invalidCode = Objects.requireNonNull(invalidCode, "invalidCode");
    }

    /**
     * Signs {@code body} with the ring's signing key.
     *
     * @throws IllegalArgumentException if the body is larger than {@link #MAX_BODY_BYTES}
     */
    public byte[] seal(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("token body of " + body.length + " bytes exceeds " + MAX_BODY_BYTES);
        }
        TokenKeyRing ring = keys.current();
        int keyId = ring.signingKeyId();
        byte[] token = new byte[PREFIX_BYTES + body.length + MAC_BYTES];
        token[0] = (byte) VERSION;
        token[1] = (byte) keyId;
        token[2] = (byte) (body.length >>> 8);
        token[3] = (byte) body.length;
        System.arraycopy(body, 0, token, PREFIX_BYTES, body.length);
        byte[] mac = mac(ring, keyId, token, PREFIX_BYTES + body.length);
        System.arraycopy(mac, 0, token, PREFIX_BYTES + body.length, MAC_BYTES);
        return token;
    }

    /**
     * Checks {@code token} and returns its body.
     *
     * @throws ProtocolException with the invalid code for a bad size, version, key id, length or MAC
     */
    public byte[] open(byte[] token) throws ProtocolException {
        if (token.length < PREFIX_BYTES + MAC_BYTES || token.length > MAX_TOKEN_BYTES) {
            throw invalid("token of " + token.length + " bytes outside " + (PREFIX_BYTES + MAC_BYTES)
                    + ".." + MAX_TOKEN_BYTES);
        }
        int version = token[0] & 0xFF;
        if (version != VERSION) {
            throw invalid("token version " + version + ", expected " + VERSION);
        }
        int keyId = token[1] & 0xFF;
        TokenKeyRing ring = keys.current();
        if (ring.key(keyId) == null) {
            throw invalid("unknown token key id " + keyId);
        }
        int bodyLength = ((token[2] & 0xFF) << 8) | (token[3] & 0xFF);
        if (PREFIX_BYTES + bodyLength + MAC_BYTES != token.length) {
            throw invalid("token body length " + bodyLength + " does not match token of " + token.length + " bytes");
        }
        byte[] expected = mac(ring, keyId, token, PREFIX_BYTES + bodyLength);
        byte[] actual = Arrays.copyOfRange(token, PREFIX_BYTES + bodyLength, token.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw invalid("token signature does not verify under key id " + keyId);
        }
        return Arrays.copyOfRange(token, PREFIX_BYTES, PREFIX_BYTES + bodyLength);
    }

    private ProtocolException invalid(String message) {
        return new ProtocolException(invalidCode, message);
    }

    /** The MAC under key {@code keyId}, which the ring must hold. */
    private byte[] mac(TokenKeyRing ring, int keyId, byte[] token, int signedLength) {
        try {
            MacCache cache = macs.get();
            if (cache.ring != ring) {
                cache.ring = ring;
                cache.byKeyId = new Mac[256];
            }
            Mac[] mine = cache.byKeyId;
            Mac mac = mine[keyId];
            if (mac == null) {
                SecretKeySpec key = ring.key(keyId);
                mac = Mac.getInstance(key.getAlgorithm());
                mac.init(key);
                mine[keyId] = mac;
            }
            mac.update(purpose);
            mac.update((byte) 0);
            mac.update(token, 0, signedLength);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without HmacSHA256", e);
        }
    }
}
