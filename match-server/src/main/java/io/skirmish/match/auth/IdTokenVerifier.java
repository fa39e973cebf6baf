package io.skirmish.match.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import io.skirmish.match.queue.QueueService;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;

import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Checks an ID token (a compact JWS) from the studio's identity service and returns the player id
 * it vouches for. Refused (all {@code UNAUTHENTICATED}, the reason in the message): more than
 * {@value #MAX_TOKEN_CHARS} characters, not a JWS, an algorithm other than RS256, ES256 or EdDSA
 * (so never {@code none} or an HMAC keyed with a public key), no key in the JWKS for its
 * {@code kid} and algorithm, a signature that does not verify, an {@code iss} other than the
 * configured one, an {@code aud} without the configured audience, a missing or past {@code exp}
 * or a future {@code nbf} beyond the allowed skew, a player claim that is missing, not a valid
 * player id, or in the device accounts' {@code d-} namespace.
 *
 * <p>Thread-safe; called on the request workers (a JWKS URL may be fetched on a cache miss).
 */
public final class IdTokenVerifier {

    static final int MAX_TOKEN_CHARS = 8192;
    static final int MIN_RSA_BITS = 2048;
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256,
            JWSAlgorithm.EdDSA);

    private final IdTokenConfig config;
    private final JwksSource keys;
    private final DefaultJWTClaimsVerifier<SecurityContext> claims;

    public IdTokenVerifier(IdTokenConfig config, InstantSource clock) {
        this.config = config;
        this.keys = JwksSource.open(config.jwks());
        this.claims = new DefaultJWTClaimsVerifier<>(Set.of(config.audience()),
                new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("exp", config.playerClaim()), null) {
            @Override
            protected Date currentTime() {
                return new Date(clock.millis());
            }
        };
        claims.setMaxClockSkew((int) config.maxSkew().toSeconds());
    }

    /** The player id the token vouches for. */
    public String verify(String token) throws ProtocolException {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw refused("ID token of " + token.length() + " characters exceeds " + MAX_TOKEN_CHARS);
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw refused("ID token is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw refused("ID token algorithm " + header.getAlgorithm() + " is not RS256, ES256 or EdDSA");
        }
        if (!signatureVerifies(jwt, header)) {
            throw refused("ID token signature does not verify under any key for kid=" + header.getKeyID());
        }
        JWTClaimsSet set;
        try {
            set = jwt.getJWTClaimsSet();
            claims.verify(set, null);
        } catch (ParseException e) {
            throw refused("ID token claims are not a JSON object");
        } catch (BadJWTException e) {
            throw refused("ID token refused: " + e.getMessage());
        }
        Object player = set.getClaim(config.playerClaim());
        if (!(player instanceof String id) || !QueueService.PLAYER_ID.matcher(id).matches()) {
            throw refused("ID token claim " + config.playerClaim() + " is not a player id (1..64 of [A-Za-z0-9._:-])");
        }
        if (id.startsWith(DeviceAccounts.PLAYER_PREFIX)) {
            throw refused("ID token player id is in the device accounts' namespace (" + DeviceAccounts.PLAYER_PREFIX + ")");
        }
        return id;
    }

    private boolean signatureVerifies(SignedJWT jwt, JWSHeader header) throws ProtocolException {
        List<JWK> candidates;
        try {
            candidates = keys.select(new JWKSelector(JWKMatcher.forJWSHeader(header)));
        } catch (KeySourceException e) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INTERNAL, "ID token keys unavailable: " + e.getMessage());
        }
        for (JWK key : candidates) {
            try {
                if (verifiesWith(key, jwt, header)) {
                    return true;
                }
            } catch (JOSEException | GeneralSecurityException e) {
                // a key of the wrong shape for this token: try the next one
            }
        }
        return false;
    }

    private static boolean verifiesWith(JWK key, SignedJWT jwt, JWSHeader header)
            throws JOSEException, GeneralSecurityException {
        if (header.getAlgorithm().equals(JWSAlgorithm.RS256) && key instanceof RSAKey rsa) {
            return rsa.size() >= MIN_RSA_BITS && jwt.verify(new RSASSAVerifier(rsa));
        }
        if (header.getAlgorithm().equals(JWSAlgorithm.ES256) && key instanceof ECKey ec) {
            return jwt.verify(new ECDSAVerifier(ec));
        }
        if (header.getAlgorithm().equals(JWSAlgorithm.EdDSA) && key instanceof OctetKeyPair okp) {
            return Ed25519Check.verify(okp, jwt.getSigningInput(), jwt.getSignature().decode());
        }
        return false;
    }

    private static ProtocolException refused(String message) {
        return new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED, message);
    }
}
