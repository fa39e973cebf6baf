package io.skirmish.match.recovery;

/**
 * When a missing heartbeat may again count as a lost game server, after the registry itself was
 * unreachable. While Redis is down (restarting, or the master of the registry's slot failing
 * over) no game server can beat, and its registry entry (3 s TTL) may expire meanwhile or at the
 * reload: the first sweep after Redis returns would then take every live server for lost and abort
 * all their running matches. So after a failed sweep no server is declared lost until
 * {@code graceMs} (longer than the registry TTL plus one heartbeat) has passed without another
 * failure: every live server has beaten again by then.
 *
 * <p>Pure and clock-driven (times passed in); used by the sweeper's one thread.
 */
final class OutageGrace {

    private final long graceMs;
    private long verdictsFromMs = Long.MIN_VALUE;

    OutageGrace(long graceMs) {
        if (graceMs <= 0) {
            throw new IllegalArgumentException("graceMs must be positive: " + graceMs);
        }
        this.graceMs = graceMs;
    }

    /** The registry could not be reached at {@code nowMs}. */
    void failed(long nowMs) {
        verdictsFromMs = nowMs + graceMs;
    }

    /** True when servers may be declared lost at {@code nowMs}. */
    boolean verdictsAllowed(long nowMs) {
        return nowMs >= verdictsFromMs;
    }
}
