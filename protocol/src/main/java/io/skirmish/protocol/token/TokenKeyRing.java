package io.skirmish.protocol.token;

import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The HMAC secrets shared by the services that issue and verify tokens, by 1-byte key id.
 *
 * <p>Rotation without downtime: (1) add the new secret under a new id to every verifier's ring,
 * (2) make it the signing key of the issuers, (3) once the longest token lifetime has passed,
 * remove the old id. A verifier accepts any id in its ring; an issuer signs with
 * {@link #signingKeyId()}.
 *
 * <p>Immutable and thread-safe. Secrets must have at least {@value #MIN_SECRET_BYTES} bytes (the
 * HMAC-SHA256 output size; shorter secrets weaken the MAC).
 */
public final class TokenKeyRing implements KeyRingSource {
    /** Shortest accepted secret. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private final int signingKeyId;
    private final SecretKeySpec[] keys = new SecretKeySpec[256];

    /**
     * @param signingKeyId the id issuers sign with; must be in {@code secrets}
     * @param secrets      key id (0..255) to secret
     * @throws IllegalArgumentException for an id out of range, a short secret or a missing signing key
     */
    public TokenKeyRing(int signingKeyId, Map<Integer, byte[]> secrets) {
        Objects.requireNonNull(secrets, "secrets");
        secrets.forEach((id, secret) -> {
            if (id == null || id < 0 || id > 255) {
                throw new IllegalArgumentException("token key id out of 0..255: " + id);
            }
            if (secret == null || secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("token secret " + id + " has "
                        + (secret == null ? 0 : secret.length) + " bytes, need at least " + MIN_SECRET_BYTES);
            }
            keys[id] = new SecretKeySpec(secret, HMAC);
        });
        if (signingKeyId < 0 || signingKeyId > 255 || keys[signingKeyId] == null) {
            throw new IllegalArgumentException("signing key id " + signingKeyId + " is not in the ring " + secrets.keySet());
        }
        this.signingKeyId = signingKeyId;
    }

    /** A ring with a single secret. */
    public static TokenKeyRing of(int keyId, byte[] secret) {
        return new TokenKeyRing(keyId, Map.of(keyId, secret));
    }

    /**
     * Parses configuration of the form {@code "id:base64secret[,id:base64secret...]"}; the first
     * entry is the signing key. For a {@code *Config} to call at start-up.
     *
     * @throws IllegalArgumentException naming the bad entry (never the secret)
     */
    public static TokenKeyRing parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        Map<Integer, byte[]> secrets = new LinkedHashMap<>();
        Integer first = null;
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("token key entry " + (secrets.size() + 1) + " is not id:base64");
            }
            int id;
            byte[] secret;
            try {
                id = Integer.parseInt(trimmed.substring(0, colon));
                secret = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("token key entry " + (secrets.size() + 1) + " is not id:base64", e);
            }
            if (secrets.put(id, secret) != null) {
                throw new IllegalArgumentException("token key id " + id + " appears twice");
            }
            first = first == null ? id : first;
        }
        return new TokenKeyRing(first, secrets);
    }

    /**
     * Parses a key file: one {@code id:base64secret} per line (or several separated by commas),
     * blank lines and lines starting with {@code #} ignored; the first key signs.
     *
     * @throws IllegalArgumentException naming the bad entry (never the secret), or for a file without keys
     */
    public static TokenKeyRing parseFile(String content) {
        StringBuilder spec = new StringBuilder();
        for (String line : content.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            spec.append(spec.length() == 0 ? "" : ",").append(trimmed);
        }
        if (spec.length() == 0) {
            throw new IllegalArgumentException("no token key in the file (expected id:base64 lines)");
        }
        return parse(spec.toString());
    }

    /** A ring is its own fixed source. */
    @Override
    public TokenKeyRing current() {
        return this;
    }

    /** True when any secret of {@code other} is also in this ring (e.g. the public development key). */
    public boolean sharesSecretWith(TokenKeyRing other) {
        for (SecretKeySpec mine : keys) {
            for (SecretKeySpec theirs : other.keys) {
                if (mine != null && theirs != null
                        && java.security.MessageDigest.isEqual(mine.getEncoded(), theirs.getEncoded())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The id issuers sign with. */
    public int signingKeyId() {
        return signingKeyId;
    }

    /** The HMAC key for {@code keyId}, or null when the ring does not hold it. */
    SecretKeySpec key(int keyId) {
        return keyId >= 0 && keyId < keys.length ? keys[keyId] : null;
    }

    @Override
    public String toString() {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                ids.append(ids.length() == 0 ? "" : ",").append(i);
            }
        }
        // Never print secrets.
        return "TokenKeyRing[signing=" + signingKeyId + ", ids=" + ids + "]";
    }
}
