package io.skirmish.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.skirmish.match.queue.MatchKeys;
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

    private final UnifiedJedis redis;
    private final String owner;
    private final Map<String, MatchKeys.Queue> tickets;

    private QueuedTickets(UnifiedJedis redis, String owner, Map<String, MatchKeys.Queue> tickets) {
        this.redis = redis;
        this.owner = owner;
        this.tickets = Map.copyOf(tickets);
    }

    /** The searching tickets {@code owner} holds now. */
    static QueuedTickets ownedBy(UnifiedJedis redis, String owner) {
        Map<String, MatchKeys.Queue> owned = new HashMap<>();
        for (MatchKeys.Queue queue : QUEUES) {
            for (String id : redis.zrange(queue.waiting(), 0, -1)) {
                if (owner.equals(redis.hget(queue.ticket(id), "owner"))) {
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
            if (redis.hget(queue.ticket(id), "state") == null) {
                gone.add(id);
            }
        });
        return gone;
    }

    /** Every ticket is matched or owned by another instance now (false while any is gone). */
    boolean allTakenOverOrMatched() {
        for (Map.Entry<String, MatchKeys.Queue> ticket : tickets.entrySet()) {
            List<String> fields = redis.hmget(ticket.getValue().ticket(ticket.getKey()), "state", "owner");
            if (fields.get(0) == null || (!"matched".equals(fields.get(0)) && owner.equals(fields.get(1)))) {
                return false;
            }
        }
        return true;
    }

    /** How many are matched now. */
    long matched() {
        return tickets.entrySet().stream()
                .filter(t -> "matched".equals(redis.hget(t.getValue().ticket(t.getKey()), "state"))).count();
    }
}
