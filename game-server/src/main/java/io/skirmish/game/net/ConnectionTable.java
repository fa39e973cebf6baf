package io.skirmish.game.net;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The live UDP connections by connection id, read on every datagram in and every snapshot out
 * without a lock, a boxed key or a hash node to chase: an open-addressing table of the ids
 * ({@code long[]}) beside the connections, probed linearly.
 *
 * <p>Threads: any number of readers ({@link #get}) never block; writers ({@link #put},
 * {@link #remove}, from TCP event loops and the event publisher) take this object's lock. A
 * reader compares the id in the slot, then reads the connection with acquire semantics and
 * checks that connection's own (final) id, so a slot reused under its feet can never answer
 * for another connection; a connection removed while it is being looked up may still be
 * returned once, as with any concurrent map. Growing or clearing out removed slots builds a new
 * table and publishes it whole; the old one is never written again.
 */
final class ConnectionTable {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(UdpConnection[].class);
    private static final VarHandle IDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int MIN_CAPACITY = 64;

    private volatile Table table = new Table(MIN_CAPACITY);
    private int size;
    /**
     * Slots that keep a removed connection's id with no connection (probes go on past them);
     * guarded by this.
     */
    private int removed;

    /** Any thread, lock-free: the connection with this id, or null. */
    UdpConnection get(long connectionId) {
        Table t = table;
        int mask = t.ids.length - 1;
        for (int i = slot(connectionId, mask); ; i = (i + 1) & mask) {
            long id = (long) IDS.getAcquire(t.ids, i);
            if (id == 0) {
                return null;
            }
            if (id == connectionId) {
                UdpConnection connection = (UdpConnection) SLOTS.getAcquire(t.connections, i);
                if (connection != null && connection.connectionId() == connectionId) {
                    return connection;
                }
            }
        }
    }

    /** Adds or replaces; returns false if a connection with the same id was there. */
    synchronized boolean put(UdpConnection connection) {
        long connectionId = connection.connectionId();
        if (connectionId == 0) {
            throw new IllegalArgumentException("connection id 0 is reserved for empty slots");
        }
        Table t = table;
        int mask = t.ids.length - 1;
        for (int i = slot(connectionId, mask); ; i = (i + 1) & mask) {
            long id = t.ids[i];
            if (id == connectionId) {
                boolean wasLive = t.connections[i] != null;
                SLOTS.setRelease(t.connections, i, connection);
                if (!wasLive) {
                    removed--;
                    size++;
                }
                return !wasLive;
            }
            if (id == 0) {
                if ((size + removed + 1) * 2 > t.ids.length) {
                    rebuild(size + 1);
                    return put(connection);
                }
                // The connection first, then the id: a reader that sees the id finds the connection.
                t.connections[i] = connection;
                IDS.setRelease(t.ids, i, connectionId);
                size++;
                return true;
            }
        }
    }

    /** Removes {@code connection} if it is the one under its id; true if it was. */
    synchronized boolean remove(UdpConnection connection) {
        Table t = table;
        int mask = t.ids.length - 1;
        for (int i = slot(connection.connectionId(), mask); ; i = (i + 1) & mask) {
            long id = t.ids[i];
            if (id == 0) {
                return false;
            }
            if (id == connection.connectionId()) {
                if (t.connections[i] != connection) {
                    return false;
                }
                // The id stays so that probes for ids stored further on go on past this slot.
                SLOTS.setRelease(t.connections, i, null);
                size--;
                removed++;
                if (removed > t.ids.length / 4) {
                    rebuild(size);
                }
                return true;
            }
        }
    }

    synchronized int size() {
        return size;
    }

    /** A copy of the live connections. */
    synchronized List<UdpConnection> values() {
        List<UdpConnection> values = new ArrayList<>(size);
        for (UdpConnection connection : table.connections) {
            if (connection != null) {
                values.add(connection);
            }
        }
        return values;
    }

    /** A fresh table for {@code live} connections at most half full, without removed slots. */
    private void rebuild(int live) {
        int capacity = MIN_CAPACITY;
        while (capacity < live * 4) {
            capacity <<= 1;
        }
        Table old = table;
        Table fresh = new Table(capacity);
        int mask = capacity - 1;
        for (UdpConnection connection : old.connections) {
            if (connection == null) {
                continue;
            }
            int i = slot(connection.connectionId(), mask);
            while (fresh.ids[i] != 0) {
                i = (i + 1) & mask;
            }
            fresh.connections[i] = connection;
            fresh.ids[i] = connection.connectionId();
        }
        removed = 0;
        // Volatile write: readers that load the new table see it filled.
        table = fresh;
    }

    private static int slot(long connectionId, int mask) {
        // Ids are random already; fold the high bits in anyway so a poor generator cannot cluster them.
        return (int) (connectionId ^ (connectionId >>> 32)) & mask;
    }

    private static final class Table {
        final long[] ids;
        final UdpConnection[] connections;

        Table(int capacity) {
            ids = new long[capacity];
            connections = new UdpConnection[capacity];
        }
    }
}
