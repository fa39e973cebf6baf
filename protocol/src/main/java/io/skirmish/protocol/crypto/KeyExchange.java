package io.skirmish.protocol.crypto;

import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;

import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;

/**
 * One side of the X25519 key agreement in the game-server TCP handshake, producing the
 * connection's 32-byte AES-256-GCM key for UDP packets.
 *
 * <pre>
 * client                                            game server
 *   kc = KeyExchange.generate()                       ks = KeyExchange.generate()
 *   Connect{token, kc.publicKey()}  --------TCP-------&gt;
 *                                   &lt;-------TCP--------  Welcome{connection id, ks.publicKey()}
 *   key = kc.deriveUdpKey(ks.pub, tokenId)            key = ks.deriveUdpKey(kc.pub, tokenId)
 *
 * key = HKDF-SHA256(salt = token id (16 bytes), ikm = X25519(own private, peer public),
 *                   info = "skirmish udp v1", length = 32)
 * </pre>
 *
 * <p>The client gets the token id (not secret) next to the opaque token in
 * {@code MatchFound.connect_token_id}; the server reads it from the verified token.
 * Key material never travels: an observer of the TCP and UDP traffic (and of the token) learns
 * nothing about the key, and both key pairs are ephemeral (fresh per Connect), so a later leak
 * of a server secret exposes no past traffic (forward secrecy).
 *
 * <p>Threat model: this protects against passive observers and against injection or replay of
 * UDP packets by anyone who did not take part in the handshake. It does NOT authenticate the
 * server's public key: an active man in the middle on the TCP leg can run two handshakes. Closing
 * that needs TLS on the TCP connection, a deployment option (terminate TLS in the game server or
 * a proxy). Public keys that yield an all-zero shared secret (low-order points) are rejected.
 *
 * <p>Instances are single-use and not thread-safe: generate one per handshake.
 */
public final class KeyExchange {
    /** Size of an X25519 public key on the wire (RFC 7748 little-endian u-coordinate). */
    public static final int PUBLIC_KEY_BYTES = 32;
    /** Size of the derived AES key. */
    public static final int KEY_BYTES = 32;
    /** The HKDF info string: binds the key to its purpose and protocol version. */
    public static final byte[] HKDF_INFO = "skirmish udp v1".getBytes(StandardCharsets.US_ASCII);

    private static final String XDH = "XDH";

    private final KeyPair keyPair;
    private final byte[] publicKey;

    private KeyExchange(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.publicKey = encode((XECPublicKey) keyPair.getPublic());
    }

    /** A fresh ephemeral X25519 key pair from the default {@link SecureRandom}. */
    public static KeyExchange generate() {
        return generate(new SecureRandom());
    }

    /** A fresh ephemeral X25519 key pair from {@code random}. */
    public static KeyExchange generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(XDH);
            generator.initialize(NamedParameterSpec.X25519, random);
            return new KeyExchange(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without X25519", e);
        }
    }

    /** This side's public key, 32 bytes, to send to the peer. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * Agrees on the UDP key with the peer.
     *
     * @param peerPublicKey the peer's 32-byte public key, as received (untrusted)
     * @param tokenId       the connect token id (16 bytes), the HKDF salt
     * @return a 32-byte AES key
     * @throws ProtocolException {@code HANDSHAKE_FAILED} for a key of the wrong size or a low-order point
     */
    public SecretKey deriveUdpKey(byte[] peerPublicKey, byte[] tokenId) throws ProtocolException {
        if (peerPublicKey == null || peerPublicKey.length != PUBLIC_KEY_BYTES) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_HANDSHAKE_FAILED, "public key of "
                    + (peerPublicKey == null ? 0 : peerPublicKey.length) + " bytes, expected " + PUBLIC_KEY_BYTES);
        }
        byte[] shared;
        try {
            KeyAgreement agreement = KeyAgreement.getInstance(XDH);
            agreement.init(keyPair.getPrivate());
            agreement.doPhase(decode(peerPublicKey), true);
            // The JDK throws for an all-zero result (RFC 7748 section 6.1 check).
            shared = agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_HANDSHAKE_FAILED,
                    "X25519 agreement failed: " + e.getMessage(), e);
        }
        byte[] key = Hkdf.derive(tokenId, shared, HKDF_INFO, KEY_BYTES);
        Arrays.fill(shared, (byte) 0);
        return new SecretKeySpec(key, "AES");
    }

    /** RFC 7748 encoding: the u-coordinate, 32 bytes little endian. */
    static byte[] encode(XECPublicKey key) {
        byte[] bigEndian = key.getU().toByteArray();
        byte[] out = new byte[PUBLIC_KEY_BYTES];
        // toByteArray may carry a leading sign byte or be shorter than 32 bytes.
        for (int i = 0; i < PUBLIC_KEY_BYTES && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    /** RFC 7748 decoding: little endian, most significant bit of the last byte ignored. */
    static PublicKey decode(byte[] littleEndian) throws GeneralSecurityException {
        byte[] bigEndian = new byte[PUBLIC_KEY_BYTES];
        for (int i = 0; i < PUBLIC_KEY_BYTES; i++) {
            bigEndian[i] = littleEndian[PUBLIC_KEY_BYTES - 1 - i];
        }
        bigEndian[0] &= 0x7F;
        BigInteger u = new BigInteger(1, bigEndian);
        return KeyFactory.getInstance(XDH).generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
    }
}
