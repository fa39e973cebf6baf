package io.skirmish.faults;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a proxy did, for drill reports and tests: counted on the event loops, read from anywhere.
 */
public final class FaultCounters {

    final AtomicLong relayed = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong reordered = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong retransmitted = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong cut = new AtomicLong();
    final AtomicLong overflow = new AtomicLong();

    /** Datagrams delivered, or TCP chunks written (a duplicate counts twice). */
    public long relayed() {
        return relayed.get();
    }

    /** Datagrams lost to the loss rate or a partition. */
    public long dropped() {
        return dropped.get();
    }

    public long reordered() {
        return reordered.get();
    }

    public long duplicated() {
        return duplicated.get();
    }

    /** TCP chunks delayed by a simulated retransmission. */
    public long retransmitted() {
        return retransmitted.get();
    }

    /** TCP connections accepted. */
    public long connections() {
        return connections.get();
    }

    /** TCP connections reset by {@link FaultControl#cutConnections()}. */
    public long cut() {
        return cut.get();
    }

    /** Datagrams dropped because the delay line or the session table was full. */
    public long overflow() {
        return overflow.get();
    }

    @Override
    public String toString() {
        return "relayed " + relayed + " dropped " + dropped + " reordered " + reordered + " duplicated " + duplicated
                + " retransmitted " + retransmitted + " connections " + connections + " cut " + cut
                + " overflow " + overflow;
    }
}
