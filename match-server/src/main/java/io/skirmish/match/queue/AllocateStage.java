package io.skirmish.match.queue;

import io.skirmish.match.rules.Proposal;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stage "allocate": puts the claimed matches of one queue on game servers in one call. A match
 * that finds no server gives its tickets back, and the queue pauses placement for
 * {@value #NO_SERVER_BACKOFF_MS} ms (forming again at once would only claim and release the same
 * tickets). Called on placement threads, one queue each.
 */
final class AllocateStage {

    private static final Logger LOG = LoggerFactory.getLogger(AllocateStage.class);
    static final long NO_SERVER_BACKOFF_MS = 1_000;

    /** A match now on a game server. */
    record Allocated(ClaimStage.Placing placing, Allocator.Placement placement) {
    }

    /**
     * @param allocated on a server, in claim order
     * @param noServer  given back for want of a server (their players are told so)
     */
    record Outcome(List<Allocated> allocated, List<ClaimStage.Placing> noServer) {
        static final Outcome NONE = new Outcome(List.of(), List.of());
    }

    private final MatchmakerPorts.Allocations allocations;
    private final FormationStore.Claims store;
    private final MatchMetrics metrics;
    private final Map<MatchKeys.Queue, Long> noServerUntilMs = new ConcurrentHashMap<>();

    AllocateStage(MatchmakerPorts.Allocations allocations, FormationStore.Claims store, MatchMetrics metrics) {
        this.allocations = allocations;
        this.store = store;
        this.metrics = metrics;
    }

    /** Whether the queue found no server less than the back-off ago. */
    boolean backingOff(MatchKeys.Queue queue, long nowMs) {
        return noServerUntilMs.getOrDefault(queue, 0L) > nowMs;
    }

    Outcome allocate(MatchKeys.Queue home, List<ClaimStage.Placing> claimed, long nowMs) {
        List<Allocator.Request> requests = new ArrayList<>(claimed.size());
        for (ClaimStage.Placing next : claimed) {
            requests.add(request(next, nowMs));
        }
        List<Allocator.Placement> placements;
        try {
            placements = allocations.allocateAll(home.region(), requests, nowMs);
        } catch (RuntimeException e) {
            // Unknown whether the script ran: leave the claims to recovery, which settles them either way.
            LOG.warn("allocation outcome unknown matches={} error={}", claimed.size(), e.toString());
            return Outcome.NONE;
        }
        List<Allocated> allocated = new ArrayList<>(claimed.size());
        List<ClaimStage.Placing> noServer = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            ClaimStage.Placing next = claimed.get(i);
            Allocator.Placement placed = placements.get(i);
            if ("no_server".equals(placed.status())) {
                metrics.allocationFailed(home.region(), "no_server");
                noServerUntilMs.put(home, nowMs + NO_SERVER_BACKOFF_MS);
                next.parts().keySet().forEach(queue -> store.release(queue, next.matchId(), "no_server"));
                noServer.add(next);
            } else if (placed.allocated()) {
                allocated.add(new Allocated(next, placed));
            }
            // else aborted by a recovery that thought we were dead: it releases the tickets
        }
        return new Outcome(allocated, noServer);
    }

    /** Settles an overdue claim's match: aborted unless it was allocated, in which case its placement. */
    Allocator.Placement abortIfUnallocated(String matchId) {
        return allocations.abortIfUnallocated(matchId);
    }

    static Allocator.Request request(ClaimStage.Placing next, long nowMs) {
        Proposal proposal = next.proposal();
        MatchAllocation.Builder allocation = MatchAllocation.newBuilder().setMatchId(next.matchId())
                .setMode(proposal.mode().wire()).setRegion(proposal.region()).setQuality(proposal.quality())
                .setAllocatedAtMs(nowMs);
        StringBuilder slotText = new StringBuilder();
        for (Proposal.Slot slot : proposal.slots()) {
            allocation.addPlayers(AllocatedPlayer.newBuilder().setPlayerId(slot.playerId()).setTeam(slot.team() + 1)
                    .setPartyId(slot.ticket().size() > 1 ? slot.ticket().ticketId() : ""));
            slotText.append(slotText.length() == 0 ? "" : ",").append(slot.playerId()).append('=').append(slot.team());
        }
        return new Allocator.Request(allocation.build(), slotText.toString(), AllocatedTickets.encode(next.parts()));
    }
}
