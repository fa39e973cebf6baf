package io.skirmish.match.queue;

import io.skirmish.kit.redis.LuaScript;
import io.skirmish.match.rules.Skill;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tickets in Redis: enqueue, cancel, formation rounds (lease, sweep, overdue claims, snapshot),
 * all-or-nothing claims, commit or release after allocation, owner leases. Thin wrappers over
 * {@link QueueScripts}; the batch calls put many tickets, queues or matches into one script call
 * or one pipeline. Thread-safe (the Jedis client is a pool).
 */
public final class TicketStore implements FormationStore.All {

    /** How long a matched ticket stays readable for status queries and MatchFound re-sends. */
    public static final long MATCHED_KEEP_MS = 120_000;
    /**
     * A matched ticket is kept as long as its match can run (time limit, join window, a drain):
     * if the match's game server is lost, the ticket is put back into its queue from here.
     * Longer than {@link #MATCHED_KEEP_MS}, which bounds how long a missed MatchFound is re-sent.
     * The round drops its body once the time is up ({@link MatchKeys.Queue#kept}).
     */
    static final long MATCHED_TICKET_KEEP_MS = 600_000;

    private final UnifiedJedis redis;

    public TicketStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** Loads every queue script (start-up; a lost script is reloaded on its next call anyway). */
    public void loadScripts() {
        QueueScripts.all().forEach(script -> script.load(redis));
    }

    /** A ticket to write, with the Redis second of its players' oldest index reservation. */
    public record NewTicket(Ticket ticket, long reservedAtSec) {
    }

    /**
     * Writes searching tickets, one script call per queue, all in one pipeline. Returns per ticket
     * (input order) 1 = written, 0 = id exists, -1 = its reservations are older than
     * {@code reservationLimitSec}.
     */
    public int[] enqueueAll(List<NewTicket> newTickets, String owner, long ownerLeaseExpiryMs, long reservationLimitSec) {
        return enqueueAll(newTickets, owner, Long.toString(ownerLeaseExpiryMs), reservationLimitSec);
    }

    /**
     * {@link #enqueueAll(List, String, long, long)} without writing the owner's lease: for a
     * caller that knows it renewed the lease recently enough that it outlives the write
     * ({@code QueueService}), which saves a command per call.
     */
    public int[] enqueueAllLeased(List<NewTicket> newTickets, String owner, long reservationLimitSec) {
        return enqueueAll(newTickets, owner, "", reservationLimitSec);
    }

    private int[] enqueueAll(List<NewTicket> newTickets, String owner, String ownerLeaseExpiryMs, long reservationLimitSec) {
        Map<MatchKeys.Queue, List<Integer>> byQueue = new LinkedHashMap<>();
        for (int i = 0; i < newTickets.size(); i++) {
            byQueue.computeIfAbsent(newTickets.get(i).ticket().queue(), q -> new ArrayList<>()).add(i);
        }
        int[] status = new int[newTickets.size()];
        Map<MatchKeys.Queue, LuaScript.Queued> replies = new LinkedHashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Map.Entry<MatchKeys.Queue, List<Integer>> part : byQueue.entrySet()) {
                MatchKeys.Queue q = part.getKey();
                List<String> args = new ArrayList<>(List.of(owner, ownerLeaseExpiryMs, Long.toString(reservationLimitSec)));
                for (int index : part.getValue()) {
                    NewTicket next = newTickets.get(index);
                    Ticket ticket = next.ticket();
                    Map<String, String> body = new LinkedHashMap<>();
                    body.put("state", "searching");
                    body.put("players", String.join(",", ticket.playerIds()));
                    body.put("mu", Double.toString(ticket.skill().mu()));
                    body.put("sigma", Double.toString(ticket.skill().sigma()));
                    body.put("rtts", Ticket.encodeRtts(ticket.rttMs()));
                    body.put("owner", ticket.owner());
                    body.put("enq", Long.toString(ticket.enqueuedMs()));
                    args.addAll(List.of(ticket.id(), Long.toString(ticket.enqueuedMs()),
                            Long.toString(next.reservedAtSec()), TicketBody.encode(body)));
                }
                replies.put(q, QueueScripts.ENQUEUE_MANY.queue(pipeline, redis,
                        List.of(q.waiting(), q.owners(), q.stats(), q.tickets()), args));
            }
            pipeline.sync();
        }
        for (Map.Entry<MatchKeys.Queue, List<Integer>> part : byQueue.entrySet()) {
            List<?> reply = (List<?>) replies.get(part.getKey()).get();
            for (int k = 0; k < part.getValue().size(); k++) {
                status[part.getValue().get(k)] = ((Long) reply.get(k)).intValue();
            }
        }
        return status;
    }

    /** Outcome of a cancel. {@code status}: ok, missing, moved, claimed or matched. */
    public record CancelResult(String status, List<String> players) {
        public boolean removed() {
            return "ok".equals(status);
        }
    }

    /** Removes a searching ticket, counting it as {@code outcome} (cancelled or expired). */
    public CancelResult cancel(MatchKeys.Queue q, String ticketId, String outcome) {
        return cancel(q, ticketId, outcome, "");
    }

    /**
     * {@link #cancel(MatchKeys.Queue, String, String)} only while {@code owner} owns the ticket
     * (status {@code moved} otherwise): what a closed connection does, whose ticket may have been
     * taken over by the instance its player logged in on since ({@link #takeOver}).
     */
    public CancelResult cancel(MatchKeys.Queue q, String ticketId, String outcome, String owner) {
        List<?> result = (List<?>) QueueScripts.CANCEL.run(redis, List.of(q.tickets(), q.waiting(), q.stats()),
                List.of(ticketId, outcome, owner));
        return new CancelResult((String) result.get(0), splitPlayers((String) result.get(1)));
    }

    /**
     * Outcome of a takeover. {@code status}: moved, own, missing, not_leader, or the state of a
     * ticket that no longer waits (matched).
     */
    public record TakeOver(String status, List<String> players, long enqueuedMs, String previousOwner) {
        /** The ticket waits (searching or claimed) and is owned by the caller now. */
        public boolean owned() {
            return "moved".equals(status) || "own".equals(status);
        }
    }

    /**
     * Makes {@code owner} the owner of the ticket {@code leader} leads, if it still waits, and
     * extends {@code owner}'s lease in the ticket's queue to at least {@code ownerLeaseExpiryMs},
     * in one script call ({@link QueueScripts#TAKE_OVER}).
     */
    public TakeOver takeOver(MatchKeys.Queue q, String ticketId, String leader, String owner, long ownerLeaseExpiryMs) {
        List<?> result = (List<?>) QueueScripts.TAKE_OVER.run(redis, List.of(q.tickets(), q.owners()),
                List.of(ticketId, leader, owner, Long.toString(ownerLeaseExpiryMs)));
        long enqueued;
        try {
            enqueued = Long.parseLong((String) result.get(2));
        } catch (NumberFormatException e) {
            enqueued = 0;
        }
        return new TakeOver((String) result.get(0), splitPlayers((String) result.get(1)), enqueued,
                (String) result.get(3));
    }

    /** One expired ticket. {@code reason}: ttl or owner_gone. */
    public record Expired(String ticketId, List<String> players, String owner, String reason) {
    }

    /** Lease state of a queue after a round's call. */
    public enum Lease { HELD, OTHER, FREE }

    /**
     * What one queue's round call saw.
     *
     * @param lease    whether this instance holds the formation lease now
     * @param live     instances whose owner lease in this queue is alive
     * @param size     searching tickets
     * @param old      searching tickets with a live owner old enough to be offered to other regions
     * @param expired  tickets expired by this call (held only)
     * @param overdue  claims past their deadline (held only)
     * @param snapshot the oldest searching tickets with a live owner (held only)
     * @param matched  tickets matched in this queue since its statistics began, by every instance
     */
    public record Round(MatchKeys.Queue queue, Lease lease, long live, long size, List<Ticket> old, List<Expired> expired,
                        List<String> overdue, List<Ticket> snapshot, long matched) {
        public boolean held() {
            return lease == Lease.HELD;
        }
    }

    /** Limits of a round call. */
    public record RoundLimits(long leaseMs, long ticketTtlMs, int sweepLimit, int snapshotLimit, int overdueLimit) {
    }

    /**
     * The round call of every queue in one pipeline: take or renew the formation lease where
     * {@code mayTake} allows, and where held sweep, list overdue claims and snapshot. The calls
     * list ticket ids; the bodies come from {@code bodies}, and those it lacks are read in one
     * more pipeline (each ticket once while it waits, not once per round).
     *
     * @param foreignCutoffMs tickets enqueued at or before this may play in another region
     *                        ({@link Long#MIN_VALUE}: none)
     */
    public List<Round> roundAll(List<MatchKeys.Queue> queues, Map<MatchKeys.Queue, Boolean> mayTake, String instanceId,
                                long nowMs, long foreignCutoffMs, RoundLimits limits, TicketBodies bodies) {
        List<LuaScript.Queued> replies = new ArrayList<>(queues.size());
        String cutoff = foreignCutoffMs == Long.MIN_VALUE ? "-inf" : Long.toString(foreignCutoffMs);
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (MatchKeys.Queue q : queues) {
                replies.add(QueueScripts.ROUND.queue(pipeline, redis,
                        List.of(q.lease(), q.waiting(), q.owners(), q.stats(), q.claims(), q.tickets(), q.kept()),
                        List.of(instanceId, Long.toString(limits.leaseMs()),
                                Boolean.TRUE.equals(mayTake.get(q)) ? "1" : "0", Long.toString(nowMs),
                                Long.toString(limits.ticketTtlMs()), Integer.toString(limits.sweepLimit()),
                                Integer.toString(limits.snapshotLimit()), Integer.toString(limits.overdueLimit()), cutoff)));
            }
            pipeline.sync();
        }
        List<RoundReply> parsed = new ArrayList<>(queues.size());
        for (int i = 0; i < queues.size(); i++) {
            parsed.add(RoundReply.parse(queues.get(i), (List<?>) replies.get(i).get()));
        }
        readMissing(parsed, bodies);
        Map<MatchKeys.Queue, List<Expired>> orphans = sweepOrphans(parsed, bodies, nowMs);
        List<Round> rounds = new ArrayList<>(queues.size());
        for (RoundReply reply : parsed) {
            MatchKeys.Queue q = reply.queue();
            List<Expired> expired = reply.expired();
            List<Expired> orphaned = orphans.getOrDefault(q, List.of());
            if (!orphaned.isEmpty()) {
                expired = new ArrayList<>(expired);
                expired.addAll(orphaned);
            }
            rounds.add(new Round(q, reply.lease(), reply.liveOwners().size(), reply.size(),
                    bodies.resolve(q, reply.old(), reply.liveOwners()), expired, reply.overdue(),
                    bodies.resolve(q, reply.snapshot(), reply.liveOwners()), reply.matched()));
            bodies.retain(q, reply.listed().keySet());
        }
        return rounds;
    }

    /**
     * In the queues this instance holds, deletes the listed searching tickets whose owner was not
     * alive in this listing (one script call per such queue, in one pipeline; none while every
     * owner is alive). Only a listed ticket is found this way: one further back is found when
     * it moves up, or by the TTL sweep. A suspect the script kept was taken over by a live
     * instance (its leader logged in there): its cached body names the old owner, so it is
     * forgotten and read again next round.
     */
    private Map<MatchKeys.Queue, List<Expired>> sweepOrphans(List<RoundReply> replies, TicketBodies bodies, long nowMs) {
        Map<MatchKeys.Queue, LuaScript.Queued> calls = new LinkedHashMap<>();
        Map<MatchKeys.Queue, List<String>> suspects = new HashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (RoundReply reply : replies) {
                if (reply.lease() != Lease.HELD) {
                    continue;
                }
                MatchKeys.Queue q = reply.queue();
                List<String> orphans = bodies.orphans(q, reply.listed().keySet(), reply.liveOwners());
                if (!orphans.isEmpty()) {
                    suspects.put(q, orphans);
                    List<String> args = new ArrayList<>(1 + orphans.size());
                    args.add(Long.toString(nowMs));
                    args.addAll(orphans);
                    calls.put(q, QueueScripts.SWEEP_ORPHANS.queue(pipeline, redis,
                            List.of(q.waiting(), q.owners(), q.stats(), q.tickets()), args));
                }
            }
            if (calls.isEmpty()) {
                return Map.of();
            }
            pipeline.sync();
        }
        Map<MatchKeys.Queue, List<Expired>> swept = new HashMap<>();
        calls.forEach((q, call) -> {
            List<?> flat = (List<?>) call.get();
            List<Expired> expired = new ArrayList<>(flat.size() / 4);
            for (int k = 0; k + 3 < flat.size(); k += 4) {
                expired.add(new Expired((String) flat.get(k), splitPlayers((String) flat.get(k + 1)),
                        (String) flat.get(k + 2), (String) flat.get(k + 3)));
            }
            swept.put(q, expired);
            bodies.forgetSurvivors(q, suspects.get(q), expired.stream().map(Expired::ticketId).toList());
        });
        return swept;
    }

    /** One queue's round reply, parsed; the lists of a queue not held are empty. */
    private record RoundReply(MatchKeys.Queue queue, Lease lease, Set<String> liveOwners, long size,
                              List<TicketBodies.Listed> old, List<Expired> expired, List<String> overdue,
                              List<TicketBodies.Listed> snapshot, long matched) {

        /** Every ticket the reply lists (old and snapshot), by id. */
        Map<String, TicketBodies.Listed> listed() {
            Map<String, TicketBodies.Listed> listed = new HashMap<>();
            old.forEach(t -> listed.put(t.id(), t));
            snapshot.forEach(t -> listed.put(t.id(), t));
            return listed;
        }

        static RoundReply parse(MatchKeys.Queue q, List<?> reply) {
            long code = (Long) reply.get(0);
            Lease lease = code == 1 ? Lease.HELD : code == 0 ? Lease.OTHER : Lease.FREE;
            Set<String> live = new HashSet<>();
            for (Object owner : (List<?>) reply.get(1)) {
                live.add((String) owner);
            }
            List<TicketBodies.Listed> old = listed((List<?>) reply.get(3));
            long matched = Long.parseLong((String) reply.get(reply.size() - 1));
            if (lease != Lease.HELD) {
                return new RoundReply(q, lease, live, (Long) reply.get(2), old, List.of(), List.of(), List.of(), matched);
            }
            List<?> flat = (List<?>) reply.get(4);
            List<Expired> expired = new ArrayList<>();
            for (int k = 0; k + 3 < flat.size(); k += 4) {
                expired.add(new Expired((String) flat.get(k), splitPlayers((String) flat.get(k + 1)),
                        (String) flat.get(k + 2), (String) flat.get(k + 3)));
            }
            List<String> overdue = new ArrayList<>();
            for (Object id : (List<?>) reply.get(5)) {
                overdue.add((String) id);
            }
            return new RoundReply(q, lease, live, (Long) reply.get(2), old, expired, overdue,
                    listed((List<?>) reply.get(6)), matched);
        }

        /** Flat {id, score}* (scores are enqueue times in ms). */
        private static List<TicketBodies.Listed> listed(List<?> flat) {
            List<TicketBodies.Listed> out = new ArrayList<>(flat.size() / 2);
            for (int k = 0; k + 1 < flat.size(); k += 2) {
                out.add(new TicketBodies.Listed((String) flat.get(k), (long) Double.parseDouble((String) flat.get(k + 1))));
            }
            return out;
        }
    }

    /**
     * Reads, in one pipeline with one HMGET per queue, the bodies the rounds listed that
     * {@code bodies} lacks, and keeps those still searching (a ticket deleted since the listing is
     * left out).
     */
    private void readMissing(List<RoundReply> replies, TicketBodies bodies) {
        record Read(MatchKeys.Queue queue, List<TicketBodies.Listed> listed, Response<List<String>> bodies) {
        }
        List<Read> reads = new ArrayList<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (RoundReply reply : replies) {
                Map<String, TicketBodies.Listed> listed = reply.listed();
                List<String> missing = bodies.missing(reply.queue(), listed.keySet());
                if (!missing.isEmpty()) {
                    reads.add(new Read(reply.queue(), missing.stream().map(listed::get).toList(),
                            pipeline.hmget(reply.queue().tickets(), missing.toArray(String[]::new))));
                }
            }
            if (reads.isEmpty()) {
                return;
            }
            pipeline.sync();
        }
        for (Read read : reads) {
            List<String> found = read.bodies().get();
            for (int i = 0; i < found.size(); i++) {
                Map<String, String> f = TicketBody.decode(found.get(i));
                TicketBodies.Listed listed = read.listed().get(i);
                if (f.get("players") == null || !"searching".equals(f.get("state"))) {
                    continue;
                }
                try {
                    bodies.put(new Ticket(listed.id(), read.queue(), splitPlayers(f.get("players")),
                            new Skill(Double.parseDouble(f.get("mu")), Double.parseDouble(f.get("sigma"))),
                            listed.enqueuedMs(), Ticket.decodeRtts(f.get("rtts")), f.getOrDefault("owner", "")));
                } catch (RuntimeException e) {
                    // A ticket we cannot read is skipped; the TTL sweep removes it eventually.
                }
            }
        }
    }

    /** The tickets of one match to claim in one queue. */
    public record Claim(String matchId, List<String> ticketIds) {
    }

    /**
     * Claims each match's tickets in {@code q}, each match all or nothing, in one script call.
     * Returns null when {@code leaseHolder} (if not empty) no longer holds the queue's lease (then
     * nothing was claimed), else per claim -1 (claimed) or the index of the first ticket lost.
     */
    public int[] claimAll(MatchKeys.Queue q, String leaseHolder, List<Claim> claims, long nowMs, long claimTimeoutMs) {
        List<String> args = new ArrayList<>(List.of(leaseHolder, Long.toString(nowMs), Long.toString(nowMs + claimTimeoutMs)));
        for (Claim claim : claims) {
            args.add(claim.matchId());
            args.add(Integer.toString(claim.ticketIds().size()));
            args.addAll(claim.ticketIds());
        }
        Object reply = QueueScripts.CLAIM_MANY.run(redis,
                List.of(q.lease(), q.waiting(), q.claims(), q.owners(), q.tickets(), q.claimed()), args);
        if (reply instanceof Long) {
            return null;
        }
        List<?> results = (List<?>) reply;
        int[] lost = new int[claims.size()];
        for (int i = 0; i < lost.length; i++) {
            lost[i] = ((Long) results.get(i)).intValue() - 1;
        }
        return lost;
    }

    /** An allocated match to commit: the fields every one of its tickets gets (server, host, ports, slots). */
    public record Commit(String matchId, Map<String, String> fields) {
    }

    /** A ticket marked matched by a commit. */
    public record Committed(String ticketId, List<String> players) {
    }

    /** Marks the claimed tickets of each match matched (idempotent); returns per commit the tickets marked. */
    public List<List<Committed>> commitAll(MatchKeys.Queue q, List<Commit> commits) {
        List<String> args = new ArrayList<>(List.of(Long.toString(MATCHED_TICKET_KEEP_MS)));
        for (Commit commit : commits) {
            args.add(commit.matchId());
            args.add(Integer.toString(commit.fields().size()));
            commit.fields().forEach((k, v) -> {
                args.add(k);
                args.add(v);
            });
        }
        List<?> reply = (List<?>) QueueScripts.COMMIT_MANY.run(redis,
                List.of(q.claims(), q.stats(), q.tickets(), q.claimed(), q.kept()), args);
        List<List<Committed>> out = new ArrayList<>(commits.size());
        for (Object perMatch : reply) {
            List<?> flat = (List<?>) perMatch;
            List<Committed> marked = new ArrayList<>(flat.size() / 2);
            for (int k = 0; k + 1 < flat.size(); k += 2) {
                marked.add(new Committed((String) flat.get(k), splitPlayers((String) flat.get(k + 1))));
            }
            out.add(marked);
        }
        return out;
    }

    /** Puts a claim's tickets back (allocation failed or aborted); returns the ids released. */
    @SuppressWarnings("unchecked")
    public List<String> release(MatchKeys.Queue q, String matchId, String reason) {
        return (List<String>) QueueScripts.RELEASE.run(redis,
                List.of(q.claims(), q.waiting(), q.stats(), q.tickets(), q.claimed()), List.of(matchId, reason));
    }

    /** Keeps this instance's tickets in every queue alive until {@code expiryMs} (one pipeline). */
    public void renewOwner(List<MatchKeys.Queue> queues, String instanceId, long expiryMs) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (MatchKeys.Queue q : queues) {
                pipeline.zadd(q.owners(), expiryMs, instanceId);
            }
            pipeline.sync();
        }
    }

    public void unlease(MatchKeys.Queue q, String instanceId) {
        QueueScripts.UNLEASE.run(redis, List.of(q.lease()), List.of(instanceId));
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
        return TicketBody.decode(redis.hget(q.tickets(), ticketId));
    }

    /** All fields of each ticket (input order), empty when gone: one HMGET. */
    public List<Map<String, String>> readAll(MatchKeys.Queue q, List<String> ticketIds) {
        if (ticketIds.isEmpty()) {
            return List.of();
        }
        return redis.hmget(q.tickets(), ticketIds.toArray(String[]::new)).stream().map(TicketBody::decode).toList();
    }

    /** The queue's counters (joined, matched, cancelled, expired, requeued). */
    public Map<String, String> stats(MatchKeys.Queue q) {
        return redis.hgetAll(q.stats());
    }

    static List<String> splitPlayers(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }
}
