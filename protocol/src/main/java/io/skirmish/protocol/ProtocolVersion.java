package io.skirmish.protocol;

/**
 * Versions of the Skirmish wire protocol: the {@code version} field of every envelope and the
 * version byte of UDP packets and tokens.
 *
 * <p>A peer sends {@link #CURRENT}. A receiver accepts {@link #MIN_SUPPORTED}..{@link #CURRENT}
 * and answers anything else with {@code ERROR_CODE_UNSUPPORTED_VERSION}. When a breaking change
 * creates version 2, {@code CURRENT} moves to 2 and {@code MIN_SUPPORTED} stays at 1 until the
 * last old client is gone.
 */
public final class ProtocolVersion {
    /** The version this build sends. */
    public static final int CURRENT = 1;
    /** The oldest version this build still accepts. */
    public static final int MIN_SUPPORTED = 1;

    private ProtocolVersion() {
    }

    /** Whether an envelope {@code version} is one this build speaks. */
    public static boolean isSupported(long version) {
        return version >= MIN_SUPPORTED && version <= CURRENT;
    }
}
