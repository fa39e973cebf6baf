package io.skirmish.kit.net.guard;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open connections of one port, in total and per source address, with caps on both. An address
 * without connections has no entry, so the map is bounded by the total cap.
 *
 * <p>Thread-safe: every event loop of the port acquires and releases here.
 */
public final class ConnectionCounter {

    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    public ConnectionCounter(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts a new connection from {@code address}; null (and nothing counted) when a cap is reached. */
    public GuardRefusal tryAcquire(InetAddress address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return GuardRefusal.TOTAL_CAP;
        }
        boolean[] admitted = {false};
        perAddress.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return GuardRefusal.ADDRESS_CAP;
        }
        return null;
    }

    /** Forgets one connection of {@code address}, acquired earlier. */
    public void release(InetAddress address) {
        perAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        total.decrementAndGet();
    }

    public int open() {
        return total.get();
    }

    public int open(InetAddress address) {
        return perAddress.getOrDefault(address, 0);
    }
}
