package io.skirmish.kit.net.guard;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Stops and resumes reading a connection for several independent reasons: it is read only while
 * no reason holds it paused. Two guards (unsent replies above the high-water mark, too many
 * queries waiting for a store) must not resume what the other paused.
 *
 * <p>Called only on the channel's event loop.
 */
public final class ReadPause {

    /** Unsent replies above the high-water mark. */
    public static final int UNWRITABLE = 1;
    /** The service has too many of this connection's requests in progress. */
    public static final int IN_FLIGHT = 2;

    private static final AttributeKey<ReadPause> KEY = AttributeKey.valueOf("skirmish.guard.readPause");

    private int reasons;

    private ReadPause() {
    }

    /** Pauses ({@code paused}) or releases reading of {@code channel} for {@code reason}. */
    public static void set(Channel channel, int reason, boolean paused) {
        ReadPause pause = channel.attr(KEY).setIfAbsent(new ReadPause());
        if (pause == null) {
            pause = channel.attr(KEY).get();
        }
        pause.reasons = paused ? pause.reasons | reason : pause.reasons & ~reason;
        boolean read = pause.reasons == 0;
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
    }

    /** Whether {@code reason} holds reading of {@code channel} paused. */
    public static boolean isPaused(Channel channel, int reason) {
        ReadPause pause = channel.attr(KEY).get();
        return pause != null && (pause.reasons & reason) != 0;
    }
}
