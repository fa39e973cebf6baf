package io.skirmish.match.recovery;

/**
 * When a missing heartbeat may again count as a lost game server, after the registry itself was
 * unreachable. While Redis is down (restarting, or the master of the registry's slot failing
 * over) no game server can beat, and its registry entry (3 s TTL) may expire meanwhile or at the
 * reload: the first sweep after Redis returns would then take every live server for lost and abort
 * all their running matches. So after a failed sweep no server is declared lost until
 * {@code graceMs} (longer than the registry TTL plus one heartbeat) has passed without another
 * failure: every live server has beaten again by then. A probe that succeeded only slowly counts
 * as a failure too: the Redis client retries a command through a failover on its own (up to its
 * retry budget), so a call that started while the master was dead may come back as a success
 * once the replica is promoted, with every registry entry expired meanwhile.
 *
 * <p>Pure and clock-driven (times passed in); used by the sweeper's one thread.
 */
final class OutageGrace {

    private final long graceMs;
    private final long slowProbeNs;
    private long verdictsFromMs = Long.MIN_VALUE;

    /**
     * @param graceMs     how long after the last failure no server is declared lost
     * @param slowProbeNs a registry probe slower than this counts as a failure (a healthy one takes
     *                    a millisecond; the client's retries through an outage take seconds)
     */
    OutageGrace(long graceMs, long slowProbeNs) {
        if (graceMs <= 0) {
            throw new IllegalArgumentException("graceMs must be positive: " + graceMs);
        }
        if (slowProbeNs <= 0) {
            throw new IllegalArgumentException("slowProbeNs must be positive: " + slowProbeNs);
        }
        this.graceMs = graceMs;
        this.slowProbeNs = slowProbeNs;
    }

    /** A probe of the registry answered at {@code nowMs} after {@code tookNs}. */
    void probed(long nowMs, long tookNs) {
        if (tookNs > slowProbeNs) {
            failed(nowMs);
        }
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
