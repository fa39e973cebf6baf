package io.skirmish.faults;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime switch of one or more links: the profile they apply now, and a generation that
 * grows each time someone asks to cut the open connections.
 *
 * <p>Thread safety: any thread may {@link #apply} or {@link #cutConnections}; the proxies' event
 * loops read {@link #current} once per chunk or datagram.
 */
public final class FaultControl {

    private volatile FaultProfile current = FaultProfile.NONE;
    private final AtomicLong cutGeneration = new AtomicLong();

    public FaultProfile current() {
        return current;
    }

    public void apply(FaultProfile profile) {
        current = profile;
    }

    /** Start a partition, keeping the other faults for when it heals. */
    public void partition() {
        current = current.withPartition(true);
    }

    /** End a partition: held TCP bytes flow again, in order. */
    public void heal() {
        current = current.withPartition(false);
    }

    /**
     * Resets every TCP connection open through the links now, as a restarted NAT or a partition
     * long enough for the peers' timeouts would; new connections are accepted as before.
     */
    public void cutConnections() {
        cutGeneration.incrementAndGet();
    }

    long cutGeneration() {
        return cutGeneration.get();
    }
}
