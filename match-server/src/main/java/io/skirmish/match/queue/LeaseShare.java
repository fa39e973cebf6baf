package io.skirmish.match.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spreads the formation leases of the queues over the live match-server instances, so that
 * several instances share formation instead of the first one to start forming every queue.
 * Pure bookkeeping (no I/O, no clock); used by the formation thread only.
 *
 * <p>Rules, per round, with {@code share = ceil(queues / live instances)}:
 * <ul>
 *   <li>an instance keeps at most {@code share} leases, in its own preference order (a hash of
 *       its id and the queue, so instances prefer different queues), and gives up the rest;</li>
 *   <li>it may take a lease it saw free in its last round (or has not seen yet) while it holds
 *       fewer than {@code share};</li>
 *   <li>any instance may take a lease that it has seen free for {@value #TAKE_FREE_AFTER_ROUNDS}
 *       rounds in a row, so no queue stays unformed when the count is too high for a moment (an
 *       instance died and its owner lease has not run out yet); such a lease is kept beyond the
 *       share until the live count changes, so it does not bounce between instances.</li>
 * </ul>
 */
final class LeaseShare {

    /**
     * Longer than the two rounds an instance below its share needs to take a lease another
     * instance gave up (one to see it free, one to take it), so the instance that gave it up does
     * not take it straight back.
     */
    static final int TAKE_FREE_AFTER_ROUNDS = 4;

    /** What to do this round: which free leases may be taken, which held ones to give up first. */
    record Plan(Map<MatchKeys.Queue, Boolean> mayTake, List<MatchKeys.Queue> release) {
    }

    private final List<MatchKeys.Queue> preference;
    private final Set<MatchKeys.Queue> held = new HashSet<>();
    private final Map<MatchKeys.Queue, Integer> freeRounds = new HashMap<>();
    /** Leases taken because nobody else did: kept beyond the share until the live count changes. */
    private final Set<MatchKeys.Queue> pinned = new HashSet<>();
    private long live = 1;

    LeaseShare(String instanceId, List<MatchKeys.Queue> queues) {
        this.preference = new ArrayList<>(queues);
        preference.sort(Comparator.comparingInt((MatchKeys.Queue q) -> (instanceId + "/" + q.name()).hashCode())
                .thenComparing(MatchKeys.Queue::name));
    }

    int share() {
        return (int) Math.max(1, (preference.size() + live - 1) / Math.max(1, live));
    }

    Plan plan() {
        int share = share();
        List<MatchKeys.Queue> release = new ArrayList<>();
        int kept = 0;
        for (MatchKeys.Queue queue : preference) {
            if (held.contains(queue) && !pinned.contains(queue)) {
                if (kept < share) {
                    kept++;
                } else {
                    release.add(queue);
                }
            }
        }
        Map<MatchKeys.Queue, Boolean> mayTake = new LinkedHashMap<>();
        int room = share - kept;
        for (MatchKeys.Queue queue : preference) {
            boolean take;
            if (release.contains(queue)) {
                take = false;
            } else if (held.contains(queue)) {
                take = true; // renew
            } else {
                int free = freeRounds.getOrDefault(queue, -1); // -1: not seen yet, may well be free
                if (free >= TAKE_FREE_AFTER_ROUNDS) {
                    take = true;
                    pinned.add(queue);
                } else if (free != 0 && room > 0) {
                    take = true;
                    room--;
                } else {
                    take = false;
                }
            }
            mayTake.put(queue, take);
        }
        return new Plan(mayTake, release);
    }

    /** What the round calls saw: who holds what now, and how many instances are alive. */
    void observe(List<TicketStore.Round> rounds) {
        held.clear();
        long seenLive = 1;
        for (TicketStore.Round round : rounds) {
            if (round.held()) {
                held.add(round.queue());
            }
            freeRounds.merge(round.queue(), 1, Integer::sum);
            if (round.lease() != TicketStore.Lease.FREE) {
                freeRounds.put(round.queue(), 0);
            }
            seenLive = Math.max(seenLive, round.live());
        }
        if (seenLive != live) {
            pinned.clear(); // the share changed: the normal rules place every lease again
        }
        pinned.retainAll(held);
        live = seenLive;
    }

    Set<MatchKeys.Queue> held() {
        return Set.copyOf(held);
    }
}
