package io.skirmish.client;

import java.util.random.RandomGenerator;

/**
 * How long a client waits before its next reconnect attempt: exponential from {@code baseMs},
 * capped at {@code capMs}, with "equal jitter" (half the step fixed, half random). The jitter
 * spreads the reconnects of many clients that lost the same server at the same instant, so they
 * do not hit the surviving one in waves; the fixed half keeps a delay from collapsing to zero.
 * Reset it after a success. Not thread-safe: one per connection, used on its event loop.
 */
public final class ReconnectBackoff {

    private final long baseMs;
    private final long capMs;
    private final RandomGenerator random;
    private int attempt;

    public ReconnectBackoff(long baseMs, long capMs, RandomGenerator random) {
        if (baseMs <= 0 || capMs < baseMs) {
            throw new IllegalArgumentException("need 0 < base <= cap, got base " + baseMs + " cap " + capMs);
        }
        this.baseMs = baseMs;
        this.capMs = capMs;
        this.random = random;
    }

    /** The delay before the next attempt, in ms; each call counts one attempt. */
    public long nextDelayMs() {
        // base * 2^attempt, stopped at the cap before the shift could overflow.
        long step = attempt < Long.numberOfLeadingZeros(baseMs) - 1 ? Math.min(capMs, baseMs << attempt) : capMs;
        attempt++;
        long half = step / 2;
        return half + random.nextLong(step - half + 1);
    }

    /** Attempts since the last {@link #reset}. */
    public int attempts() {
        return attempt;
    }

    /** The connection is back: the next loss starts from {@code baseMs} again. */
    public void reset() {
        attempt = 0;
    }
}
