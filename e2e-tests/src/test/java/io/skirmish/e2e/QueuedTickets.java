package io.skirmish.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.queue.TicketStore;
import io.skirmish.match.rules.QueueMode;
import redis.clients.jedis.UnifiedJedis;

/**
 * The tickets waiting under one match-server instance at a moment (the moment it is killed),
 * followed in Redis afterwards: each must end up owned by another instance (its player logged in
 * there and took it over) or matched; a deleted one is a lost ticket.
 */
final class QueuedTickets {

    /** The local stacks' queues: every mode in region {@code local}. */
    private static final List<MatchKeys.Queue> QUEUES = List.of(QueueMode.values()).stream()
            .map(mode -> new MatchKeys.Queue(mode, "local")).toList();

    private final TicketStore store;
    private final String owner;
    private final Map<String, MatchKeys.Queue> tickets;

    private QueuedTickets(UnifiedJedis redis, String owner, Map<String, MatchKeys.Queue> tickets) {
        this.store = new TicketStore(redis);
        this.owner = owner;
        this.tickets = Map.copyOf(tickets);
    }

    /** The searching tickets {@code owner} holds now. */
    static QueuedTickets ownedBy(UnifiedJedis redis, String owner) {
        Map<String, MatchKeys.Queue> owned = new HashMap<>();
        TicketStore store = new TicketStore(redis);
        for (MatchKeys.Queue queue : QUEUES) {
            for (String id : redis.zrange(queue.waiting(), 0, -1)) {
                if (owner.equals(store.read(queue, id).get("owner"))) {
                    owned.put(id, queue);
                }
            }
        }
        return new QueuedTickets(redis, owner, owned);
    }

    int size() {
        return tickets.size();
    }

    /** Tickets deleted since (expired, swept as {@code owner_gone}): lost. */
    List<String> gone() {
        List<String> gone = new ArrayList<>();
        tickets.forEach((id, queue) -> {
            if (store.read(queue, id).get("state") == null) {
                gone.add(id);
            }
        });
        return gone;
    }

    /** Every ticket is matched or owned by another instance now (false while any is gone). */
    boolean allTakenOverOrMatched() {
        for (Map.Entry<String, MatchKeys.Queue> ticket : tickets.entrySet()) {
            Map<String, String> fields = store.read(ticket.getValue(), ticket.getKey());
            if (fields.get("state") == null || (!"matched".equals(fields.get("state")) && owner.equals(fields.get("owner")))) {
                return false;
            }
        }
        return true;
    }

    /** How many are matched now. */
    long matched() {
        return tickets.entrySet().stream()
                .filter(t -> "matched".equals(store.read(t.getValue(), t.getKey()).get("state"))).count();
    }
}
