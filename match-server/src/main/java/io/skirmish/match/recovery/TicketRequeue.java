package io.skirmish.match.recovery;

import io.skirmish.kit.redis.LuaScript;
import io.skirmish.match.queue.LuaChunks;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.queue.PlayerDirectory;
import io.skirmish.match.queue.TicketStore;
import redis.clients.jedis.UnifiedJedis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the tickets of an aborted match back into their queues, each whole (a ticket is a solo
 * player or a party), ahead of newer tickets ({@link RequeuePosition}: the script applies its rule).
 *
 * <p>Order, for "a player is in at most one live ticket": the players' queue index entries are
 * reserved for the ticket first, but only where they are free or still name this ticket (the
 * tickets were first turned {@code requeuing}, so no join takes an entry meanwhile), and only
 * for players not matched again since (a settled ticket's entry is gone at once, so a free entry
 * alone does not say the player is idle: its matched pointer does, see
 * {@code PlayerDirectory.reserveOwnAll}); a ticket
 * whose player already joined another ticket in the meantime stays out, whatever that ticket's
 * state (it may be in a live match): it is deleted, and its entries are given back, so no status
 * request re-sends the dead match. Only then does one script per queue turn the ticket from {@code matched} (by this
 * match) back to {@code searching}. Running it twice for the same match changes nothing the
 * second time: the tickets are no longer {@code matched} by it.
 *
 * <p>Thread-safe; called from the sweeper's thread.
 */
public final class TicketRequeue {

    /**
     * KEYS: waiting, stats, tickets, kept. ARGV: [1] match id, [2] reason, [3] earliest score ms,
     * [4] now ms, [5] count n of tickets to requeue, then n ticket ids to requeue, then ticket ids
     * to drop (their players could not be reserved: the ticket must not stay {@code matched}, or a
     * status request would re-send the dead match). A requeued ticket leaves the kept set: from
     * now on its score in {@code waiting} bounds its life (the TTL sweep), at least half a ticket
     * TTL from now ({@link RequeuePosition}). Returns the ids requeued.
     */
    static final LuaScript REQUEUE = new LuaScript("match-requeue-lost", LuaChunks.TICKETS + """
            local out = {}
            local last = 5 + tonumber(ARGV[5])
            for i = 6, #ARGV do
              local id = ARGV[i]
              local t = decode(redis.call('HGET', KEYS[3], id))
              if t and (t.state == 'matched' or t.state == 'requeuing') and t.match == ARGV[1] then
                redis.call('ZREM', KEYS[4], id)
                if i > last then
                  redis.call('HDEL', KEYS[3], id)
                else
                  t.state, t.reason = 'searching', ARGV[2]
                  t.match, t.server, t.host, t.tcp_port, t.udp_port, t.slots = nil, nil, nil, nil, nil, nil
                  redis.call('HSET', KEYS[3], id, encode(t))
                  redis.call('ZADD', KEYS[1], math.max(tonumber(t.enq) or tonumber(ARGV[4]), tonumber(ARGV[3])), id)
                  out[#out + 1] = id
                end
              end
            end
            if #out > 0 then redis.call('HINCRBY', KEYS[2], 'requeued', #out) end
            return out
            """);

    /**
     * Turns the lost match's tickets from {@code matched} to {@code requeuing} before their
     * players' index entries are reserved. A join takes over an entry whose ticket is
     * {@code matched} (the player's match is over); without this step a join could take the
     * entry between the reservation and the requeue, and the player would be in two tickets,
     * then in two matches (the reliability count found three players so placed). KEYS: the
     * queue's tickets hash. ARGV: [1] match id, then ticket ids. Returns nothing.
     */
    static final LuaScript MARK = new LuaScript("match-requeue-mark", LuaChunks.TICKETS + """
            for i = 2, #ARGV do
              local t = decode(redis.call('HGET', KEYS[1], ARGV[i]))
              if t and t.state == 'matched' and t.match == ARGV[1] then
                t.state = 'requeuing'
                redis.call('HSET', KEYS[1], ARGV[i], encode(t))
              end
            end
            return 0
            """);

    private final UnifiedJedis redis;
    private final TicketStore tickets;
    private final PlayerDirectory players;
    private final long ticketTtlMs;
    private final long indexTtlMs;

    /**
     * @param ticketTtlMs the queues' ticket TTL
     * @param indexTtlMs  TTL of a player's queue index entry (as for a join)
     */
    public TicketRequeue(UnifiedJedis redis, PlayerDirectory players, long ticketTtlMs, long indexTtlMs) {
        this.redis = redis;
        this.tickets = new TicketStore(redis);
        this.players = players;
        this.ticketTtlMs = ticketTtlMs;
        this.indexTtlMs = indexTtlMs;
    }

    public void loadScripts() {
        REQUEUE.load(redis);
        MARK.load(redis);
    }

    /** Requeues what can be of {@code match}'s tickets; returns the players whose ticket is back in its queue. */
    public Set<String> requeue(LostMatch match, long nowMs) {
        Set<String> back = new HashSet<>();
        for (Map.Entry<MatchKeys.Queue, List<String>> part : match.ticketsByQueue().entrySet()) {
            MatchKeys.Queue queue = part.getKey();
            List<PlayerDirectory.Request> wanted = new ArrayList<>();
            List<Map<String, String>> bodies = tickets.readAll(queue, part.getValue());
            for (int i = 0; i < bodies.size(); i++) {
                String ticketId = part.getValue().get(i);
                Map<String, String> body = bodies.get(i);
                String state = body.get("state");
                boolean ours = ("matched".equals(state) || "requeuing".equals(state))
                        && match.matchId().equals(body.get("match"));
                if (ours && body.get("players") != null) {
                    wanted.add(new PlayerDirectory.Request(queue.mode(), Arrays.asList(body.get("players").split(",")),
                            new PlayerDirectory.Entry(queue.mode(), queue.region(), ticketId)));
                } else if (state != null && !ours && !"matched".equals(state)) {
                    back.addAll(players(body.get("players"))); // requeued by an earlier try of this abort
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            List<String> mark = new ArrayList<>(List.of(match.matchId()));
            wanted.forEach(request -> mark.add(request.entry().ticketId()));
            MARK.run(redis, List.of(queue.tickets()), mark);
            List<PlayerDirectory.Reservation> reserved = players.reserveOwnAll(wanted, indexTtlMs);
            List<String> ids = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) {
                (reserved.get(i).ok() ? ids : dropped).add(wanted.get(i).entry().ticketId());
            }
            List<String> args = new ArrayList<>(List.of(match.matchId(), match.reason(),
                    Long.toString(RequeuePosition.earliest(nowMs, ticketTtlMs)), Long.toString(nowMs),
                    Integer.toString(ids.size())));
            args.addAll(ids);
            args.addAll(dropped);
            Set<String> requeued = new HashSet<>(castList(REQUEUE.run(redis,
                    List.of(queue.waiting(), queue.stats(), queue.tickets(), queue.kept()), args)));
            List<PlayerDirectory.Request> giveBack = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) {
                PlayerDirectory.Request request = wanted.get(i);
                if (requeued.contains(request.entry().ticketId())) {
                    back.addAll(request.players());
                } else if (reserved.get(i).ok()) {
                    giveBack.add(request);
                }
            }
            players.releaseAll(giveBack);
        }
        return back;
    }

    private static List<String> players(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object reply) {
        return (List<String>) reply;
    }
}
