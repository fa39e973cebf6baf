package io.skirmish.match.recovery;

/**
 * Where a ticket of an aborted match goes back into its queue: at its original join time, so it
 * is ahead of every ticket that joined after it, but never so far back that the queue's
 * ticket-TTL sweep (which expires tickets by that score) would drop it before a formation round
 * sees it: it keeps at least half a TTL to be matched again.
 */
public final class RequeuePosition {

    private RequeuePosition() {
    }

    /** The waiting-set score (epoch ms) of a requeued ticket that first joined at {@code enqueuedMs}. */
    public static long score(long enqueuedMs, long nowMs, long ticketTtlMs) {
        return Math.max(enqueuedMs, earliest(nowMs, ticketTtlMs));
    }

    /** The lowest score a requeue may give (the requeue script takes the later of this and the join time). */
    public static long earliest(long nowMs, long ticketTtlMs) {
        return nowMs - ticketTtlMs / 2;
    }
}
