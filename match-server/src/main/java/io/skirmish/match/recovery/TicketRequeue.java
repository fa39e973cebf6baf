package io.skirmish.match.recovery;

import io.skirmish.kit.redis.LuaScript;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.queue.PlayerDirectory;
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
     * KEYS: waiting, stats. ARGV: [1] ticket prefix, [2] unused, [3] match id, [4] reason,
     * [5] ticket ttl ms, [6] earliest score ms, [7] now ms, [8] count n of tickets to requeue, then
     * n ticket ids to requeue, then ticket ids to drop (their players could not be reserved: the
     * ticket must not stay {@code matched}, or a status request would re-send the dead match).
     * Returns the ids requeued.
     */
    static final LuaScript REQUEUE = new LuaScript("match-requeue-lost", """
            local out = {}
            local last = 8 + tonumber(ARGV[8])
            for i = 9, #ARGV do
              local id = ARGV[i]
              local key = ARGV[1] .. id
              local t = redis.call('HMGET', key, 'state', 'match', 'enq')
              if i > last then
                if (t[1] == 'matched' or t[1] == 'requeuing') and t[2] == ARGV[3] then redis.call('DEL', key) end
              elseif (t[1] == 'matched' or t[1] == 'requeuing') and t[2] == ARGV[3] then
                redis.call('HSET', key, 'state', 'searching', 'reason', ARGV[4])
                redis.call('HDEL', key, 'match', 'server', 'host', 'tcp_port', 'udp_port', 'slots')
                redis.call('PEXPIRE', key, ARGV[5])
                redis.call('ZADD', KEYS[1], math.max(tonumber(t[3]) or tonumber(ARGV[7]), tonumber(ARGV[6])), id)
                table.insert(out, id)
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
     * queue's waiting set (unused: it routes the call to the slot of the queue's tickets). ARGV: [1] ticket prefix, [2] match id, then
     * ticket ids. Returns nothing.
     */
    static final LuaScript MARK = new LuaScript("match-requeue-mark", """
            for i = 3, #ARGV do
              local key = ARGV[1] .. ARGV[i]
              local t = redis.call('HMGET', key, 'state', 'match')
              if t[1] == 'matched' and t[2] == ARGV[2] then redis.call('HSET', key, 'state', 'requeuing') end
            end
            return 0
            """);

    private final UnifiedJedis redis;
    private final PlayerDirectory players;
    private final long ticketTtlMs;
    private final long indexTtlMs;

    /**
     * @param ticketTtlMs the queues' ticket TTL
     * @param indexTtlMs  TTL of a player's queue index entry (as for a join)
     */
    public TicketRequeue(UnifiedJedis redis, PlayerDirectory players, long ticketTtlMs, long indexTtlMs) {
        this.redis = redis;
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
            for (String ticketId : part.getValue()) {
                List<String> state = redis.hmget(queue.ticket(ticketId), "state", "match", "players");
                boolean ours = ("matched".equals(state.get(0)) || "requeuing".equals(state.get(0)))
                        && match.matchId().equals(state.get(1));
                if (ours && state.get(2) != null) {
                    wanted.add(new PlayerDirectory.Request(queue.mode(), Arrays.asList(state.get(2).split(",")),
                            new PlayerDirectory.Entry(queue.mode(), queue.region(), ticketId)));
                } else if (state.get(0) != null && !ours && !"matched".equals(state.get(0))) {
                    back.addAll(players(state.get(2))); // requeued by an earlier try of this abort
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            List<String> mark = new ArrayList<>(List.of(queue.ticketPrefix(), match.matchId()));
            wanted.forEach(request -> mark.add(request.entry().ticketId()));
            MARK.run(redis, List.of(queue.waiting()), mark);
            List<PlayerDirectory.Reservation> reserved = players.reserveOwnAll(wanted, indexTtlMs);
            List<String> ids = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) {
                (reserved.get(i).ok() ? ids : dropped).add(wanted.get(i).entry().ticketId());
            }
            List<String> args = new ArrayList<>(List.of(queue.ticketPrefix(), "", match.matchId(),
                    match.reason(), Long.toString(ticketTtlMs),
                    Long.toString(RequeuePosition.earliest(nowMs, ticketTtlMs)), Long.toString(nowMs),
                    Integer.toString(ids.size())));
            args.addAll(ids);
            args.addAll(dropped);
            Set<String> requeued = new HashSet<>(castList(REQUEUE.run(redis, List.of(queue.waiting(), queue.stats()), args)));
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
