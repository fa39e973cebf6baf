package io.skirmish.match.net;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of one connection's requests are waiting for the shared request workers, join
 * batchers and Redis at once. Past {@code max} a request is refused at the door instead of
 * queued: one client's burst then costs the shared pool and Redis connections at most
 * {@code max} slots, and the other clients keep theirs. Entered on the connection's event loop,
 * exited by whichever thread finished the request.
 */
final class InFlightLimit {

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max in flight must be >= 1: " + max);
        }
        this.max = max;
    }

    /** Takes a slot if one is free. */
    boolean tryEnter() {
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a slot taken by {@link #tryEnter()}. */
    void exit() {
        inFlight.decrementAndGet();
    }

    int max() {
        return max;
    }

    int current() {
        return inFlight.get();
    }
}
