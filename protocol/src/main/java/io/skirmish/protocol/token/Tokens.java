package io.skirmish.protocol.token;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.skirmish.protocol.BoundedParser;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Checks and helpers shared by the token issuers and verifiers of this package; the sizes and
 * limits are public because they are part of the wire contract (docs/protocol.md, "Tokens").
 */
public final class Tokens {
    /** Size of a token id. */
    public static final int TOKEN_ID_BYTES = 16;
    /** Longest player, match or server id. */
    static final int MAX_ID_CHARS = 64;
    /** How far in the future an issue time may be before the token is refused (clock skew between hosts). */
    public static final long MAX_CLOCK_SKEW_MS = 30_000;

    private Tokens() {
    }

    static byte[] newTokenId(SecureRandom random) {
        byte[] id = new byte[TOKEN_ID_BYTES];
        random.nextBytes(id);
        return id;
    }

    static byte[] checkTokenId(byte[] tokenId) {
        if (tokenId == null || tokenId.length != TOKEN_ID_BYTES) {
            throw new IllegalArgumentException("token id must have " + TOKEN_ID_BYTES + " bytes, has "
                    + (tokenId == null ? 0 : tokenId.length));
        }
        return tokenId.clone();
    }

    static String checkId(String name, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_ID_CHARS) {
            throw new IllegalArgumentException(name + " must have 1.." + MAX_ID_CHARS + " characters: "
                    + (value == null ? "null" : value.length() + " characters"));
        }
        return value;
    }

    static void checkTimes(long issuedAtMs, long expiresAtMs) {
        if (issuedAtMs < 0 || expiresAtMs <= issuedAtMs) {
            throw new IllegalArgumentException("token times out of order: issued " + issuedAtMs
                    + ", expires " + expiresAtMs);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Parses a verified body; a failure here means the issuer has a bug, still reported as invalid. */
    static <T extends MessageLite> T parseBody(Parser<T> parser, byte[] body, ErrorCode invalidCode)
            throws ProtocolException {
        try {
            return new BoundedParser<>(parser, SignedEnvelope.MAX_BODY_BYTES).parse(body, 0, body.length);
        } catch (ProtocolException e) {
            throw new ProtocolException(invalidCode, "signed token body does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a token that has expired at {@code nowMs} or claims to be issued too far in the future.
     */
    static void checkValidAt(long nowMs, long issuedAtMs, long expiresAtMs, ErrorCode expiredCode,
                             ErrorCode invalidCode) throws ProtocolException {
        if (nowMs >= expiresAtMs) {
            throw new ProtocolException(expiredCode, "token expired at " + expiresAtMs + ", now " + nowMs);
        }
        if (issuedAtMs > nowMs + MAX_CLOCK_SKEW_MS) {
            throw new ProtocolException(invalidCode, "token issued at " + issuedAtMs + ", now " + nowMs
                    + ", beyond clock skew " + MAX_CLOCK_SKEW_MS + " ms");
        }
    }
}
