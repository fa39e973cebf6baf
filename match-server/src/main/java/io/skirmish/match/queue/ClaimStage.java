package io.skirmish.match.queue;

import io.skirmish.match.rules.Candidate;
import io.skirmish.match.rules.Proposal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Stage "claim": takes each proposal's tickets out of their queues, all or nothing per match, so
 * no other match can have them. The home queue's claims go in one call that also checks this
 * instance's lease; another region's part (tickets offered abroad after a long wait) without, as
 * its queue has its own holder. A match that lost any ticket to a race gives back the parts it
 * did claim. Called on placement threads, one queue each.
 */
final class ClaimStage {

    /** A proposal on its way: its match id and its tickets per queue. */
    record Placing(Proposal proposal, String matchId, Map<MatchKeys.Queue, List<String>> parts) {
    }

    private final MatchmakerConfig config;
    private final FormationStore.Claims store;
    private final MatchMetrics metrics;
    private final Supplier<String> matchIds;

    ClaimStage(MatchmakerConfig config, FormationStore.Claims store, MatchMetrics metrics, Supplier<String> matchIds) {
        this.config = config;
        this.store = store;
        this.metrics = metrics;
        this.matchIds = matchIds;
    }

    /** The proposals whose every ticket is now claimed; none when another instance holds {@code home}'s lease. */
    List<Placing> claim(MatchKeys.Queue home, List<Proposal> proposals, long nowMs) {
        List<Placing> placing = new ArrayList<>(proposals.size());
        Map<MatchKeys.Queue, List<TicketStore.Claim>> claims = new LinkedHashMap<>();
        claims.put(home, new ArrayList<>()); // first: a lost lease stops the stage before any claim
        for (Proposal proposal : proposals) {
            Map<MatchKeys.Queue, List<String>> parts = new LinkedHashMap<>();
            for (Candidate group : proposal.groups()) {
                parts.computeIfAbsent(new MatchKeys.Queue(proposal.mode(), group.queueRegion()), q -> new ArrayList<>())
                        .add(group.ticketId());
            }
            Placing next = new Placing(proposal, matchIds.get(), parts);
            placing.add(next);
            parts.forEach((q, ids) -> claims.computeIfAbsent(q, k -> new ArrayList<>())
                    .add(new TicketStore.Claim(next.matchId(), ids)));
        }
        Set<String> failed = new HashSet<>();
        Map<MatchKeys.Queue, Set<String>> claimedIn = new LinkedHashMap<>();
        for (Map.Entry<MatchKeys.Queue, List<TicketStore.Claim>> part : claims.entrySet()) {
            MatchKeys.Queue queue = part.getKey();
            List<TicketStore.Claim> list = part.getValue();
            if (list.isEmpty()) {
                continue;
            }
            int[] lost = store.claimAll(queue, queue.equals(home) ? config.instanceId() : "", list, nowMs,
                    config.claimTimeout().toMillis());
            if (lost == null) {
                return List.of(); // another instance holds the lease now: it forms from the same tickets
            }
            Set<String> ok = new HashSet<>();
            for (int i = 0; i < lost.length; i++) {
                if (lost[i] >= 0) {
                    failed.add(list.get(i).matchId());
                    metrics.claimLost(queue.name());
                } else {
                    ok.add(list.get(i).matchId());
                }
            }
            claimedIn.put(queue, ok);
        }
        List<Placing> claimed = new ArrayList<>();
        for (Placing next : placing) {
            if (!failed.contains(next.matchId())) {
                claimed.add(next);
                continue;
            }
            for (MatchKeys.Queue queue : next.parts().keySet()) {
                if (claimedIn.getOrDefault(queue, Set.of()).contains(next.matchId())) {
                    store.release(queue, next.matchId(), "race");
                }
            }
        }
        return claimed;
    }

    /** Gives a claim's tickets back to the queue (its match will not be placed). */
    void release(MatchKeys.Queue queue, String matchId, String reason) {
        store.release(queue, matchId, reason);
    }
}
