package io.skirmish.match.queue;

import io.skirmish.match.rules.Skill;
import redis.clients.jedis.UnifiedJedis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Tickets in Redis: enqueue, cancel, snapshot for formation, all-or-nothing claims, commit or
 * release after allocation, expiry sweeps, formation leases and owner leases. Thin wrappers over
 * {@link QueueScripts}; thread-safe (the Jedis client is a pool).
 */
public final class TicketStore {

    /** How long a matched ticket stays readable for status queries and MatchFound re-sends. */
    static final long MATCHED_KEEP_MS = 120_000;

    private final UnifiedJedis redis;

    public TicketStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** Adds a searching ticket owned by {@code owner}; false if the id exists (never in practice). */
    public boolean enqueue(Ticket ticket, long ownerLeaseExpiryMs, long ticketTtlMs) {
        MatchKeys.Queue q = ticket.queue();
        List<String> args = new ArrayList<>(List.of(ticket.id(), Long.toString(ticket.enqueuedMs()), ticket.owner(),
                Long.toString(ownerLeaseExpiryMs), Long.toString(ticketTtlMs + 60_000)));
        add(args, "players", String.join(",", ticket.playerIds()));
        add(args, "mu", Double.toString(ticket.skill().mu()));
        add(args, "sigma", Double.toString(ticket.skill().sigma()));
        add(args, "rtts", Ticket.encodeRtts(ticket.rttMs()));
        add(args, "owner", ticket.owner());
        add(args, "enq", Long.toString(ticket.enqueuedMs()));
        add(args, "reason", "");
        Object result = redis.eval(QueueScripts.ENQUEUE,
                List.of(q.ticket(ticket.id()), q.waiting(), q.owned(ticket.owner()), q.owners(), q.stats()), args);
        return ((Long) result) == 1L;
    }

    /** Outcome of a cancel. {@code status}: ok, missing, claimed or matched. */
    public record CancelResult(String status, List<String> players) {
        public boolean removed() {
            return "ok".equals(status);
        }
    }

    /** Removes a searching ticket, counting it as {@code outcome} (cancelled or expired). */
    public CancelResult cancel(MatchKeys.Queue q, String ticketId, String outcome) {
        List<?> result = (List<?>) redis.eval(QueueScripts.CANCEL, List.of(q.ticket(ticketId), q.waiting(), q.stats()),
                List.of(ticketId, q.ownedPrefix(), outcome));
        return new CancelResult((String) result.get(0), splitPlayers((String) result.get(1)));
    }

    /** Up to {@code limit} oldest searching tickets with a live owner. */
    public List<Ticket> snapshot(MatchKeys.Queue q, int limit, long nowMs) {
        List<?> flat = (List<?>) redis.eval(QueueScripts.SNAPSHOT, List.of(q.waiting(), q.owners()),
                List.of(Integer.toString(limit), Long.toString(nowMs), q.ticketPrefix()));
        List<Ticket> tickets = new ArrayList<>(flat.size() / 7);
        for (int i = 0; i + 6 < flat.size(); i += 7) {
            try {
                tickets.add(new Ticket((String) flat.get(i), q, splitPlayers((String) flat.get(i + 2)),
                        new Skill(Double.parseDouble((String) flat.get(i + 3)), Double.parseDouble((String) flat.get(i + 4))),
                        (long) Double.parseDouble((String) flat.get(i + 1)), Ticket.decodeRtts((String) flat.get(i + 5)),
                        (String) flat.get(i + 6)));
            } catch (RuntimeException e) {
                // A ticket we cannot read is skipped; the TTL sweep removes it eventually.
            }
        }
        return tickets;
    }

    /** Claims {@code ticketIds} for {@code matchId}; returns -1 on success, else the index of the first ticket lost. */
    public int claim(MatchKeys.Queue q, String matchId, List<String> ticketIds, long nowMs, long claimTimeoutMs) {
        List<String> keys = new ArrayList<>(List.of(q.waiting(), q.claims(), q.claim(matchId), q.owners()));
        List<String> args = new ArrayList<>(List.of(Long.toString(nowMs), Long.toString(nowMs + claimTimeoutMs), matchId,
                Long.toString(Math.max(60_000, claimTimeoutMs * 10))));
        for (String id : ticketIds) {
            keys.add(q.ticket(id));
            args.add(id);
        }
        long failed = (Long) redis.eval(QueueScripts.CLAIM, keys, args);
        return failed == 0 ? -1 : (int) failed - 1;
    }

    /** Marks a claim's tickets matched, storing {@code fields} (server, host, ports, slots) on each. */
    public long commit(MatchKeys.Queue q, String matchId, Map<String, String> fields) {
        List<String> args = new ArrayList<>(List.of(matchId, q.ticketPrefix(), q.ownedPrefix(),
                Long.toString(MATCHED_KEEP_MS)));
        fields.forEach((k, v) -> add(args, k, v));
        return (Long) redis.eval(QueueScripts.COMMIT, List.of(q.claims(), q.claim(matchId), q.stats()), args);
    }

    /** Puts a claim's tickets back (allocation failed or aborted); returns the ids released. */
    @SuppressWarnings("unchecked")
    public List<String> release(MatchKeys.Queue q, String matchId, String reason) {
        return (List<String>) redis.eval(QueueScripts.RELEASE, List.of(q.claims(), q.claim(matchId), q.waiting(), q.stats()),
                List.of(matchId, q.ticketPrefix(), reason));
    }

    /** Claims whose deadline passed: their holder died or stalled between claim and settle. */
    public List<String> overdueClaims(MatchKeys.Queue q, long nowMs, int limit) {
        return redis.zrangeByScore(q.claims(), Double.NEGATIVE_INFINITY, nowMs, 0, limit);
    }

    /** Ticket ids of a claim, or empty when the claim is gone. */
    public List<String> claimTickets(MatchKeys.Queue q, String matchId) {
        String list = redis.get(q.claim(matchId));
        return list == null ? List.of() : Arrays.asList(list.split(","));
    }

    /** One expired ticket. {@code reason}: ttl or owner_gone. */
    public record Expired(String ticketId, List<String> players, String owner, String reason) {
    }

    /** Expires up to about {@code limit} tickets (TTL and dead owners). */
    public List<Expired> sweep(MatchKeys.Queue q, long nowMs, long ticketTtlMs, int limit) {
        List<?> flat = (List<?>) redis.eval(QueueScripts.SWEEP, List.of(q.waiting(), q.owners(), q.stats()),
                List.of(Long.toString(nowMs), Long.toString(ticketTtlMs), Integer.toString(limit), q.ticketPrefix(),
                        q.ownedPrefix()));
        List<Expired> expired = new ArrayList<>();
        for (int i = 0; i + 3 < flat.size(); i += 4) {
            expired.add(new Expired((String) flat.get(i), splitPlayers((String) flat.get(i + 1)), (String) flat.get(i + 2),
                    (String) flat.get(i + 3)));
        }
        return expired;
    }

    /** Keeps this instance's tickets in {@code q} alive until {@code expiryMs}. */
    public void renewOwner(MatchKeys.Queue q, String instanceId, long expiryMs) {
        redis.zadd(q.owners(), expiryMs, instanceId);
    }

    /** Takes or renews the formation lease of {@code q}; true when this instance holds it. */
    public boolean lease(MatchKeys.Queue q, String instanceId, long ttlMs) {
        return ((Long) redis.eval(QueueScripts.LEASE, List.of(q.lease()), List.of(instanceId, Long.toString(ttlMs)))) == 1L;
    }

    public void unlease(MatchKeys.Queue q, String instanceId) {
        redis.eval(QueueScripts.UNLEASE, List.of(q.lease()), List.of(instanceId));
    }

    public long size(MatchKeys.Queue q) {
        return redis.zcard(q.waiting());
    }

    /** 1-based position of a searching ticket, 0 when not waiting. */
    public long position(MatchKeys.Queue q, String ticketId) {
        Long rank = redis.zrank(q.waiting(), ticketId);
        return rank == null ? 0 : rank + 1;
    }

    /** All fields of a ticket, empty when gone. */
    public Map<String, String> read(MatchKeys.Queue q, String ticketId) {
        return redis.hgetAll(q.ticket(ticketId));
    }

    /** The queue's counters (joined, matched, cancelled, expired, requeued). */
    public Map<String, String> stats(MatchKeys.Queue q) {
        return redis.hgetAll(q.stats());
    }

    static List<String> splitPlayers(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }

    private static void add(List<String> args, String name, String value) {
        args.add(name);
        args.add(value);
    }
}
