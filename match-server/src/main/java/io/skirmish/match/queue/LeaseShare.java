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
 *   <li>it may take a free lease while it holds fewer than {@code share};</li>
 *   <li>any instance may take a lease that it has seen free for {@value #TAKE_FREE_AFTER_ROUNDS}
 *       rounds in a row, so no queue stays unformed when the counts disagree for a moment (an
 *       instance died and its owner lease has not run out yet).</li>
 * </ul>
 */
final class LeaseShare {

    static final int TAKE_FREE_AFTER_ROUNDS = 2;

    /** What to do this round: which free leases may be taken, which held ones to give up first. */
    record Plan(Map<MatchKeys.Queue, Boolean> mayTake, List<MatchKeys.Queue> release) {
    }

    private final List<MatchKeys.Queue> preference;
    private final Set<MatchKeys.Queue> held = new HashSet<>();
    private final Map<MatchKeys.Queue, Integer> freeRounds = new HashMap<>();
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
            if (held.contains(queue)) {
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
            boolean keep = held.contains(queue) && !release.contains(queue);
            boolean starved = freeRounds.getOrDefault(queue, 0) >= TAKE_FREE_AFTER_ROUNDS;
            boolean take = keep || starved || (!release.contains(queue) && room > 0);
            if (!keep && take && !starved) {
                room--;
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
        live = seenLive;
    }

    Set<MatchKeys.Queue> held() {
        return Set.copyOf(held);
    }
}
