package io.skirmish.kit.config;

import io.skirmish.protocol.token.TokenKeyRing;
import org.slf4j.Logger;

/**
 * The {@code --token-keys} option shared by the token issuer (match-server) and verifier
 * (game-server): {@code id:base64[,id:base64...]}, the first signs; absent means the public
 * development key of {@link DevDefaults}, which is announced with a warning.
 */
public final class TokenKeyConfig {

    public static final String KEY = "token-keys";

    private TokenKeyConfig() {
    }

    /** Parses the configured value (null = development key); a bad value names the key, never the secret. */
    public static TokenKeyRing parse(String configured) {
        try {
            return TokenKeyRing.parse(configured == null ? DevDefaults.TOKEN_KEYS : configured);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(KEY, "(hidden)", e.getMessage());
        }
    }

    /** Logs the production warning when no key was configured. */
    public static void warnIfDevelopmentKey(String configured, Logger log) {
        if (configured == null) {
            log.warn("using the public development token key: set --token-keys / SKIRMISH_TOKEN_KEYS in production");
        }
    }
}
