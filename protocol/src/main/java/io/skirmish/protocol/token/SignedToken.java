package io.skirmish.protocol.token;

import java.util.Objects;

/**
 * A freshly issued token: the claims (for the issuer's own bookkeeping, e.g. the expiry to put
 * in MatchFound) and the opaque bytes to hand to the client.
 *
 * @param claims the signed claims
 * @param bytes  the token as sent on the wire (not copied: treat as read-only)
 * @param <C>    the claims type
 */
public record SignedToken<C>(C claims, byte[] bytes) {
    /** Rejects missing parts. */
    public SignedToken {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(bytes, "bytes");
    }
}
