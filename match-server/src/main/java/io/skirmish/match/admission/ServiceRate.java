package io.skirmish.match.admission;

import java.util.function.LongSupplier;

/**
 * How many requests a queue's threads take per second, measured over windows of the injected
 * monotonic clock and smoothed (each window's rate averaged with the previous estimate). It turns
 * a backlog into the wait that backlog will cause ({@link #drainNs}), a figure that moves the
 * moment requests are admitted or refused, where the oldest request's wait only shows an
 * admission decision once that request reaches the front, a whole queue wait later.
 *
 * <p>Threads: {@link #drainNs} from any thread (synchronized: one window update at a time).
 */
final class ServiceRate {

    private static final double NANOS_PER_SECOND = 1e9;

    private final long windowNs;
    private final LongSupplier nanoClock;
    private long windowStartNs;
    private long takenAtWindowStart;
    private double perSecond;

    /** @param windowNs how long each measured window lasts; the estimate changes once per window */
    ServiceRate(long windowNs, LongSupplier nanoClock) {
        if (windowNs <= 0) {
            throw new IllegalArgumentException("window must be positive: " + windowNs);
        }
        this.windowNs = windowNs;
        this.nanoClock = nanoClock;
        this.windowStartNs = nanoClock.getAsLong();
    }

    /**
     * How long {@code backlog} requests will take to drain at the measured rate, given that
     * {@code taken} requests have been taken so far (a running count); -1 while no rate is known
     * yet (nothing was taken in the first window).
     */
    synchronized long drainNs(int backlog, long taken) {
        long now = nanoClock.getAsLong();
        long elapsedNs = now - windowStartNs;
        if (elapsedNs >= windowNs) {
            double observed = (taken - takenAtWindowStart) * NANOS_PER_SECOND / elapsedNs;
            perSecond = perSecond == 0 ? observed : (perSecond + observed) / 2;
            windowStartNs = now;
            takenAtWindowStart = taken;
        }
        if (backlog == 0) {
            return 0;
        }
        return perSecond <= 0 ? -1 : (long) (backlog / perSecond * NANOS_PER_SECOND);
    }
}
