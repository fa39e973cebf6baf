package io.skirmish.faults;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Items waiting for their delivery time, released in time order (ties in arrival order), bounded
 * in bytes so a stalled link cannot grow without limit: {@link #add} refuses what does not fit
 * and the caller decides (a datagram is dropped, a TCP reader stops reading).
 *
 * <p>Not thread safe: owned by one event loop.
 *
 * @param <T> the item (a buffer, or a close marker of no size)
 */
final class DelayLine<T> {

    private record Slot<T>(long dueNs, long order, int bytes, T item) {
    }

    private final PriorityQueue<Slot<T>> slots = new PriorityQueue<>((a, b) -> a.dueNs != b.dueNs
            ? Long.compare(a.dueNs, b.dueNs) : Long.compare(a.order, b.order));
    private final long maxBytes;
    private long order;
    private long bytes;

    DelayLine(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** @return false, adding nothing, when the item would take the line over its byte limit */
    boolean add(long dueNs, int itemBytes, T item) {
        if (bytes + itemBytes > maxBytes && !slots.isEmpty()) {
            return false;
        }
        slots.add(new Slot<>(dueNs, order++, itemBytes, item));
        bytes += itemBytes;
        return true;
    }

    /** Hands every item due at {@code nowNs} to the sink, oldest first; returns how many. */
    int releaseDue(long nowNs, Consumer<T> sink) {
        int released = 0;
        while (!slots.isEmpty() && slots.peek().dueNs <= nowNs) {
            Slot<T> slot = slots.poll();
            bytes -= slot.bytes;
            released++;
            sink.accept(slot.item);
        }
        return released;
    }

    /** Hands every item to the sink regardless of time (to release buffers on close). */
    void clear(Consumer<T> sink) {
        releaseDue(Long.MAX_VALUE, sink);
    }

    /** Due time of the next item, or {@link Long#MAX_VALUE} when empty. */
    long nextDueNs() {
        return slots.isEmpty() ? Long.MAX_VALUE : slots.peek().dueNs;
    }

    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    /** More than half full: a TCP reader should pause until it drains. */
    boolean aboveHighWater() {
        return bytes > maxBytes / 2;
    }
}
