package io.skirmish.protocol.token;

import io.skirmish.protocol.BoundedParser;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.token.v1.ConnectTokenBody;

/**
 * A client's read of its own connect token, without the secret: the claims are signed, not
 * encrypted. A client that has the token from {@code MatchFound} also gets its id there
 * ({@code connect_token_id}, the salt of the UDP key derivation, see
 * {@link io.skirmish.protocol.crypto.KeyExchange}); tools and tests that hold only the token
 * read it here. Nothing
 * read here is trusted: only the game server's {@link ConnectTokenVerifier} decides.
 */
public final class ConnectTokenView {

    private static final BoundedParser<ConnectTokenBody> BODY =
            new BoundedParser<>(ConnectTokenBody.parser(), SignedEnvelope.MAX_BODY_BYTES);

    private ConnectTokenView() {
    }

    /** The claims as written in {@code token} (layout in {@link SignedEnvelope}), unverified. */
    public static ConnectTokenClaims unverifiedClaims(byte[] token) throws ProtocolException {
        if (token.length < SignedEnvelope.PREFIX_BYTES + SignedEnvelope.MAC_BYTES
                || token.length > SignedEnvelope.MAX_TOKEN_BYTES) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_TOKEN_INVALID, "token of " + token.length
                    + " bytes is outside " + (SignedEnvelope.PREFIX_BYTES + SignedEnvelope.MAC_BYTES) + ".."
                    + SignedEnvelope.MAX_TOKEN_BYTES);
        }
        int bodyLength = ((token[2] & 0xFF) << 8) | (token[3] & 0xFF);
        if (SignedEnvelope.PREFIX_BYTES + bodyLength + SignedEnvelope.MAC_BYTES != token.length) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_TOKEN_INVALID, "token body length " + bodyLength
                    + " does not match a token of " + token.length + " bytes");
        }
        ConnectTokenBody body = BODY.parse(token, SignedEnvelope.PREFIX_BYTES, bodyLength);
        try {
            return ConnectTokenClaims.fromBody(body);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_TOKEN_INVALID, "token claims are invalid: " + e.getMessage());
        }
    }
}
