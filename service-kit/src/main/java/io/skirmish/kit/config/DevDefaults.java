package io.skirmish.kit.config;

/**
 * Defaults that make a one-machine stack work with no configuration, and that no production
 * deployment may keep: every process that falls back on one of them logs a warning at start.
 */
public final class DevDefaults {

    /**
     * Token signing keys shared by match-server (issuer) and game-server (verifier), in
     * {@code id:base64} form. Public, therefore worthless as a secret: set
     * {@code SKIRMISH_TOKEN_KEYS} in any real deployment.
     */
    public static final String TOKEN_KEYS = "1:c2tpcm1pc2gtZGV2ZWxvcG1lbnQtb25seS10b2tlbi1rZXktMDAwMDAwMA==";

    private DevDefaults() {
    }
}
