package io.skirmish.match.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queue calls of {@link FormationStore} over plain maps, with the semantics {@link TicketStore}'s
 * scripts have (their integration tests pin those down): a lease per queue, waiting tickets
 * oldest first, claims all or nothing with a deadline, commits that mark tickets matched.
 * Single-threaded use by a test (and at most one placement thread at a time).
 */
final class InMemoryFormationStore implements FormationStore.All {

    /** A claim in a queue: its tickets and when it becomes overdue. */
    record HeldClaim(List<Ticket> tickets, long deadlineMs) {
    }

    final Map<MatchKeys.Queue, String> leaseHolder = new HashMap<>();
    final Map<MatchKeys.Queue, Map<String, Ticket>> waiting = new LinkedHashMap<>();
    final Map<MatchKeys.Queue, Map<String, HeldClaim>> claims = new HashMap<>();
    final Map<String, Map<String, String>> matched = new LinkedHashMap<>();
    /** Per queue, tickets matched so far: the statistics counter a round reads. */
    final Map<MatchKeys.Queue, Long> matchedCount = new HashMap<>();
    final Map<MatchKeys.Queue, Long> ownerExpiryMs = new HashMap<>();
    final List<String> released = new ArrayList<>();
    long lastForeignBeforeMs;
    long lastTicketTtlMs = Long.MAX_VALUE;
    /** Runs inside each commit call, e.g. to let a fake clock pass as Redis time would. */
    Runnable duringCommit = () -> { };
    RuntimeException roundFailure;

    void add(Ticket ticket) {
        waiting.computeIfAbsent(ticket.queue(), q -> new LinkedHashMap<>()).put(ticket.id(), ticket);
    }

    void addClaim(MatchKeys.Queue queue, String matchId, List<Ticket> tickets, long deadlineMs) {
        claims.computeIfAbsent(queue, q -> new LinkedHashMap<>()).put(matchId, new HeldClaim(tickets, deadlineMs));
    }

    List<String> waitingIds(MatchKeys.Queue queue) {
        return new ArrayList<>(waiting.getOrDefault(queue, Map.of()).keySet());
    }

    @Override
    public List<TicketStore.Round> roundAll(List<MatchKeys.Queue> queues, Map<MatchKeys.Queue, Boolean> mayTake,
                                            String instanceId, long nowMs, long foreignBeforeMs,
                                            TicketStore.RoundLimits limits, TicketBodies bodies) {
        if (roundFailure != null) {
            throw roundFailure;
        }
        lastForeignBeforeMs = foreignBeforeMs;
        lastTicketTtlMs = limits.ticketTtlMs();
        List<TicketStore.Round> rounds = new ArrayList<>();
        for (MatchKeys.Queue queue : queues) {
            String holder = leaseHolder.get(queue);
            if (holder == null && mayTake.getOrDefault(queue, false)) {
                leaseHolder.put(queue, instanceId);
                holder = instanceId;
            }
            TicketStore.Lease lease = instanceId.equals(holder) ? TicketStore.Lease.HELD
                    : holder == null ? TicketStore.Lease.FREE : TicketStore.Lease.OTHER;
            Map<String, Ticket> queued = waiting.computeIfAbsent(queue, q -> new LinkedHashMap<>());
            List<Ticket> old = queued.values().stream().filter(t -> t.enqueuedMs() <= foreignBeforeMs).toList();
            List<TicketStore.Expired> expired = new ArrayList<>();
            List<String> overdue = new ArrayList<>();
            List<Ticket> snapshot = new ArrayList<>();
            if (lease == TicketStore.Lease.HELD) {
                for (Ticket ticket : List.copyOf(queued.values())) {
                    if (ticket.enqueuedMs() + limits.ticketTtlMs() <= nowMs) {
                        queued.remove(ticket.id());
                        expired.add(new TicketStore.Expired(ticket.id(), ticket.playerIds(), ticket.owner(), "ttl"));
                    }
                }
                claims.getOrDefault(queue, Map.of()).forEach((matchId, claim) -> {
                    if (claim.deadlineMs() <= nowMs) {
                        overdue.add(matchId);
                    }
                });
                queued.values().stream().limit(limits.snapshotLimit()).forEach(snapshot::add);
            }
            rounds.add(new TicketStore.Round(queue, lease, 1, queued.size(), old, expired, overdue, snapshot,
                    matchedCount.getOrDefault(queue, 0L)));
        }
        return rounds;
    }

    @Override
    public void renewOwner(List<MatchKeys.Queue> queues, String instanceId, long expiryMs) {
        queues.forEach(queue -> ownerExpiryMs.put(queue, expiryMs));
    }

    @Override
    public void unlease(MatchKeys.Queue queue, String instanceId) {
        leaseHolder.remove(queue, instanceId);
    }

    @Override
    public int[] claimAll(MatchKeys.Queue queue, String holder, List<TicketStore.Claim> list, long nowMs,
                          long claimTimeoutMs) {
        if (!holder.isEmpty() && !holder.equals(leaseHolder.get(queue))) {
            return null;
        }
        Map<String, Ticket> queued = waiting.computeIfAbsent(queue, q -> new LinkedHashMap<>());
        int[] lost = new int[list.size()];
        for (int i = 0; i < list.size(); i++) {
            List<String> ids = list.get(i).ticketIds();
            lost[i] = -1;
            for (int k = 0; k < ids.size() && lost[i] < 0; k++) {
                if (!queued.containsKey(ids.get(k))) {
                    lost[i] = k;
                }
            }
            if (lost[i] < 0) {
                addClaim(queue, list.get(i).matchId(), ids.stream().map(queued::remove).toList(), nowMs + claimTimeoutMs);
            }
        }
        return lost;
    }

    @Override
    public List<String> release(MatchKeys.Queue queue, String matchId, String reason) {
        HeldClaim claim = claims.getOrDefault(queue, new HashMap<>()).remove(matchId);
        if (claim == null) {
            return List.of();
        }
        released.add(matchId + ":" + reason);
        claim.tickets().forEach(this::add);
        return claim.tickets().stream().map(Ticket::id).toList();
    }

    @Override
    public List<List<TicketStore.Committed>> commitAll(MatchKeys.Queue queue, List<TicketStore.Commit> commits) {
        duringCommit.run();
        List<List<TicketStore.Committed>> out = new ArrayList<>();
        for (TicketStore.Commit commit : commits) {
            HeldClaim claim = claims.getOrDefault(queue, new HashMap<>()).remove(commit.matchId());
            List<TicketStore.Committed> marked = new ArrayList<>();
            if (claim != null) {
                for (Ticket ticket : claim.tickets()) {
                    matched.put(ticket.id(), commit.fields());
                    matchedCount.merge(queue, 1L, Long::sum);
                    marked.add(new TicketStore.Committed(ticket.id(), ticket.playerIds()));
                }
            }
            out.add(marked);
        }
        return out;
    }
}
