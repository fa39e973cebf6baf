package io.skirmish.bots.bench;

/**
 * The server's tick times of one match as a client can tell them from its own clock: a match
 * ticks on a fixed schedule (tick {@code n} at {@code origin + n * period}), so a snapshot of
 * tick {@code n} arriving at {@code t} says the tick started no later than {@code t - n *
 * period}. The smallest such bound over the snapshots seen so far is the match's origin as the
 * client sees it: the tick's true start plus the quickest way a snapshot ever made to the
 * client (the first of a phase's sends, tens of microseconds). Snapshots of a tick that ran
 * late only raise the bound, so the minimum holds while the server's schedule does (no tick
 * skipped).
 *
 * <p>With it an input's input-to-visible time splits without any server stamp: the wait from
 * its send to the match's first tick after it (uniform over a period for an unsynchronised
 * client), the whole periods it missed because it reached the tick too late (the way in: the
 * client's send, the server's socket queue and UDP reader, the hand-off to the tick), and the
 * reflecting snapshot's delay beyond the quickest one (the way out: a late tick, the phase's
 * sends before it, the loopback, the client's loop waking up). Pure arithmetic on one clock.
 */
final class TickTiming {

    /** The origin before any snapshot: larger than any bound. */
    static final long UNKNOWN = Long.MAX_VALUE;

    private TickTiming() {
    }

    /** The origin after a snapshot of {@code tick} arrived at {@code arrivalNs}. */
    static long origin(long previousOriginNs, long tick, long arrivalNs, long periodNs) {
        return Math.min(previousOriginNs, arrivalNs - tick * periodNs);
    }

    /** When {@code tick} started as the client sees it (its origin plus whole periods). */
    static long tickNs(long originNs, long tick, long periodNs) {
        return originNs + tick * periodNs;
    }

    /** The first tick that starts after {@code sentNs}: the one an input sent then can make at best. */
    static long firstTickAfter(long originNs, long sentNs, long periodNs) {
        return Math.floorDiv(sentNs - originNs, periodNs) + 1;
    }
}
