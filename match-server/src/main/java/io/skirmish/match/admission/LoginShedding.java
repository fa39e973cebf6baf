package io.skirmish.match.admission;

import java.time.Duration;

/**
 * Which new logins to refuse while the request queues stand: none while they stand no longer
 * than {@code target} ({@link RequestWorkers#standingNs}: the oldest request's wait, or the
 * backlog's drain time when shorter, read at each login, so shedding stops the moment the queue
 * is back under the target and the workers never run dry); above it, a share that grows with
 * the excess, {@code (wait - target) / target}: half of them at 1.5 times the target, all of
 * them from twice the target on. Refusing only the
 * excess keeps the queue near the target instead of running it dry (refusing everything while a
 * queue stands did, and so did shedding on the shortest wait of a past interval, which lags the
 * queue). A login is the cheapest request to refuse and the first of a player's: refusing it
 * spares the work of its join and match, and a player who is already in keeps going.
 *
 * <p>The share is taken exactly, not by chance: each login adds the current share (in parts per
 * million, so that it adds up without rounding) to a credit and is refused when the credit
 * reaches a whole login (at a share of 0.5, every second login). Threads:
 * {@link #check} from event loops, synchronized (one addition per login).
 */
public final class LoginShedding {

    private static final long WHOLE = 1_000_000;

    private final long targetNs;
    private long creditPpm;

    /** @param target wait of the oldest queued request above which new logins start to be refused */
    public LoginShedding(Duration target) {
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("shedding target must be positive: " + target);
        }
        this.targetNs = target.toNanos();
    }

    /**
     * Whether a login arriving while the queues stand {@code standingNs} is admitted: 0 when it
     * is, else the retry hint in ms (that wait, at least the target: about when the
     * queue will have drained).
     */
    public synchronized long check(long standingNs) {
        if (standingNs <= targetNs) {
            creditPpm = 0;
            return 0;
        }
        creditPpm += sharePpm(standingNs);
        if (creditPpm < WHOLE) {
            return 0;
        }
        creditPpm -= WHOLE;
        return Math.max(1, Math.max(targetNs, standingNs) / 1_000_000);
    }

    /** The share of new logins refused while the oldest queued request has waited {@code standingNs}, 0..1. */
    public double share(long standingNs) {
        return sharePpm(standingNs) / (double) WHOLE;
    }

    private long sharePpm(long standingNs) {
        if (standingNs <= targetNs) {
            return 0;
        }
        long excessNs = standingNs - targetNs;
        return excessNs >= targetNs ? WHOLE : (long) ((double) excessNs / targetNs * WHOLE);
    }
}
