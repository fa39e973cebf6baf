package io.skirmish.game.tick;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

import io.skirmish.game.match.MatchRuntime;
import io.skirmish.game.match.MatchSpec;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * The match slots of one tick agent: which index holds which match, and the hand-over of newly
 * allocated matches to the agent.
 *
 * <p>Threads: the allocation thread calls {@link #reserve}; the tick agent polls
 * {@link #pollAdopted}; the event publisher calls {@link #release} once it has published a
 * match's end (not the agent, so the publisher can still resolve the match's handle while it
 * handles the end). {@link #handle} is read by I/O threads and the publisher. Reserve and
 * release are rare (once per match) and synchronized; the tick path only polls a lock-free
 * queue.
 */
public final class MatchTable {

    private final int agentId;
    private final AtomicReferenceArray<MatchHandle> handles;
    private final int[] generations;
    private final Deque<Integer> freeIndexes = new ArrayDeque<>();
    private final ManyToOneConcurrentArrayQueue<MatchRuntime> adopted;
    private final InboundPublisher inbound;

    public MatchTable(int agentId, int capacity, InboundPublisher inbound) {
        this.agentId = agentId;
        this.handles = new AtomicReferenceArray<>(capacity);
        this.generations = new int[capacity];
        this.adopted = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.inbound = inbound;
        for (int i = 0; i < capacity; i++) {
            freeIndexes.add(i);
        }
    }

    public int agentId() {
        return agentId;
    }

    public int capacity() {
        return handles.length();
    }

    /** Matches reserved and not yet released. */
    public synchronized int active() {
        return handles.length() - freeIndexes.size();
    }

    /**
     * Reserves an index for a new match, builds its runtime with {@code factory} for that index
     * and a fresh generation, and queues it for the agent. Returns null when the agent is full.
     */
    public synchronized MatchHandle reserve(MatchSpec spec, RuntimeFactory factory) {
        Integer index = freeIndexes.poll();
        if (index == null) {
            return null;
        }
        int generation = ++generations[index];
        MatchRuntime runtime = factory.create(index, generation);
        MatchHandle handle = new MatchHandle(spec, agentId, index, generation, inbound);
        handles.set(index, handle);
        if (!adopted.offer(runtime)) {
            handles.set(index, null);
            freeIndexes.push(index);
            return null;
        }
        return handle;
    }

    /** Builds a match runtime for a reserved index and generation. */
    @FunctionalInterface
    public interface RuntimeFactory {
        MatchRuntime create(int matchIndex, int generation);
    }

    /** The live handle at {@code index} if its generation matches, else null. */
    public MatchHandle handle(int index, int generation) {
        if (index < 0 || index >= handles.length()) {
            return null;
        }
        MatchHandle handle = handles.get(index);
        return handle != null && handle.generation() == generation ? handle : null;
    }

    /** Frees {@code index} once the match there has ended and its end was published. */
    public synchronized void release(int index, int generation) {
        MatchHandle handle = handles.get(index);
        if (handle != null && handle.generation() == generation) {
            handles.set(index, null);
            freeIndexes.push(index);
        }
    }

    /** Tick agent only: the next match to adopt, or null. */
    MatchRuntime pollAdopted() {
        return adopted.poll();
    }

    /** Visits live handles; for the registry's load figures and shutdown. */
    public void forEachHandle(Consumer<MatchHandle> visitor) {
        for (int i = 0; i < handles.length(); i++) {
            MatchHandle handle = handles.get(i);
            if (handle != null) {
                visitor.accept(handle);
            }
        }
    }
}
