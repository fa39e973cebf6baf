package io.skirmish.match.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bodies (players, skill, RTTs, owner) of the waiting tickets this instance has read, per
 * queue. A ticket's body never changes while it waits, so a formation round needs from Redis
 * only the ids of the tickets waiting now and the bodies of those it has not seen: reading every
 * body every round made a round's Redis time grow with the queue, and a backlog slowed every
 * round until Redis could serve nothing else.
 *
 * <p>Bounded: after each round only the ids that round listed are kept ({@link #retain}).
 * Thread-safe: rounds update it on the formation thread while join threads add the tickets they
 * wrote.
 */
final class TicketBodies {

    /** A waiting ticket as a round lists it: id and enqueue time (its score in {@code waiting}). */
    record Listed(String id, long enqueuedMs) {
    }

    private final Map<MatchKeys.Queue, Map<String, Ticket>> byQueue = new ConcurrentHashMap<>();

    private Map<String, Ticket> of(MatchKeys.Queue queue) {
        return byQueue.computeIfAbsent(queue, q -> new ConcurrentHashMap<>());
    }

    /** Remembers a ticket's body (read from Redis, or just written by this instance). */
    void put(Ticket ticket) {
        of(ticket.queue()).put(ticket.id(), ticket);
    }

    /** The listed ids whose body is not known yet. */
    List<String> missing(MatchKeys.Queue queue, Collection<String> listedIds) {
        Map<String, Ticket> known = of(queue);
        List<String> missing = new ArrayList<>();
        for (String id : listedIds) {
            if (!known.containsKey(id)) {
                missing.add(id);
            }
        }
        return missing;
    }

    /**
     * The listed tickets with a known body whose owner is alive, in list order. A ticket without
     * a body was deleted between the listing and the read (cancelled, expired): it is left out.
     */
    List<Ticket> resolve(MatchKeys.Queue queue, List<Listed> listed, Set<String> liveOwners) {
        Map<String, Ticket> known = of(queue);
        List<Ticket> tickets = new ArrayList<>(listed.size());
        for (Listed entry : listed) {
            Ticket ticket = known.get(entry.id());
            if (ticket != null && liveOwners.contains(ticket.owner())) {
                tickets.add(ticket);
            }
        }
        return tickets;
    }

    /** The listed ids whose known body names an owner that is not alive (see the orphan sweep). */
    List<String> orphans(MatchKeys.Queue queue, Collection<String> listedIds, Set<String> liveOwners) {
        Map<String, Ticket> known = of(queue);
        List<String> orphans = new ArrayList<>();
        for (String id : listedIds) {
            Ticket ticket = known.get(id);
            if (ticket != null && !liveOwners.contains(ticket.owner())) {
                orphans.add(id);
            }
        }
        return orphans;
    }

    /**
     * After an orphan sweep: forgets the bodies of the suspects it did not delete. Their owner
     * changed since their body was read ({@link QueueScripts#TAKE_OVER}), so the cached owner is
     * stale; the next round reads them again with their live owner.
     */
    void forgetSurvivors(MatchKeys.Queue queue, Collection<String> suspects, Collection<String> deleted) {
        Map<String, Ticket> known = of(queue);
        Set<String> gone = Set.copyOf(deleted);
        for (String id : suspects) {
            if (!gone.contains(id)) {
                known.remove(id);
            }
        }
    }

    /** Forgets the bodies of a queue's tickets that the last round did not list (matched, cancelled, expired). */
    void retain(MatchKeys.Queue queue, Collection<String> listedIds) {
        of(queue).keySet().retainAll(listedIds);
    }

    /** Bodies held for a queue (metrics and tests). */
    int size(MatchKeys.Queue queue) {
        return of(queue).size();
    }
}
