package io.skirmish.kit.config;

/**
 * Defaults that make a one-machine stack work with no configuration, and that no production
 * deployment may keep: they apply only to a process started with {@code --dev}, which logs a
 * warning at start; without {@code --dev} a process refuses to start with them (exit status 2).
 */
public final class DevDefaults {

    /** The flag that allows development defaults (trusted logins, public keys, plaintext). */
    public static final String DEV_FLAG = "dev";

    /**
     * Session-token keys of the match-server instances, in {@code id:base64} form. Public,
     * therefore worthless as a secret.
     */
    public static final String SESSION_KEYS = "1:c2tpcm1pc2gtZGV2ZWxvcG1lbnQtb25seS1zZXNzaW9uLWtleS0wMDAwMA==";

    /**
     * Connect-token keys shared by match-server (issuer) and game-server (verifier), in
     * {@code id:base64} form. Public, therefore worthless as a secret.
     */
    public static final String CONNECT_KEYS = "1:c2tpcm1pc2gtZGV2ZWxvcG1lbnQtb25seS10b2tlbi1rZXktMDAwMDAwMA==";

    private DevDefaults() {
    }
}
