package io.skirmish.match.auth;

import java.time.Duration;

/**
 * How ID tokens are checked ({@code --id-token-*}).
 *
 * @param jwks        the identity service's public keys: a JWKS file path, or an {@code https://} (or
 *                    {@code http://}) URL fetched and cached
 * @param issuer      the exact {@code iss} every token must carry
 * @param audience    a value the token's {@code aud} must contain (this game's client id)
 * @param playerClaim the claim whose string value is the player id (e.g. {@code sub})
 * @param maxSkew     tolerance on {@code exp} and {@code nbf} for clocks that disagree
 */
public record IdTokenConfig(String jwks, String issuer, String audience, String playerClaim, Duration maxSkew) {

    /** Longest skew accepted: more would keep an expired token alive for too long. */
    public static final Duration MAX_SKEW_LIMIT = Duration.ofMinutes(5);

    public IdTokenConfig {
        if (jwks == null || jwks.isBlank()) {
            throw new IllegalArgumentException("id-token-jwks: a JWKS file or URL is required for token login");
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("id-token-issuer: required for token login");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("id-token-audience: required for token login");
        }
        if (playerClaim == null || playerClaim.isBlank()) {
            throw new IllegalArgumentException("id-token-player-claim: must not be blank");
        }
        if (maxSkew.isNegative() || maxSkew.compareTo(MAX_SKEW_LIMIT) > 0) {
            throw new IllegalArgumentException("id-token-max-skew: expected 0.." + MAX_SKEW_LIMIT.toSeconds() + "s, got " + maxSkew);
        }
    }
}
