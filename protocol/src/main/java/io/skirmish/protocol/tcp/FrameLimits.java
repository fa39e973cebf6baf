package io.skirmish.protocol.tcp;

/** Size limits of TCP frames, shared by {@link FrameDecoder}, {@link FrameEncoder} and {@link EnvelopeDecoder}. */
public final class FrameLimits {
    /** Bytes of the length prefix in front of every frame. */
    public static final int LENGTH_FIELD_BYTES = 4;
    /**
     * Default largest frame body: 64 KiB. The largest legitimate message (a full leaderboard page
     * or a 8-player MatchResult) is a few KiB; the limit only bounds what a hostile peer can make
     * a server buffer.
     */
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

    private FrameLimits() {
    }

    /** Rejects a nonsensical limit at start-up rather than at the first frame. */
    static int checkMaxFrameBytes(int maxFrameBytes) {
        if (maxFrameBytes <= 0 || maxFrameBytes > Integer.MAX_VALUE - LENGTH_FIELD_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes out of range: " + maxFrameBytes);
        }
        return maxFrameBytes;
    }
}
