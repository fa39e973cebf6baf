package io.skirmish.match.queue;

import java.util.List;
import java.util.Map;

/**
 * The queue-side calls the matchmaker's stages make, one group per stage, so each stage can be
 * driven in a unit test by an in-memory store. {@link TicketStore} is the Redis implementation
 * (its integration tests show the calls' semantics); the interfaces say nothing beyond its javadoc.
 */
public interface FormationStore {

    /** What the list stage calls: leases and the round call of every queue. */
    interface Rounds {
        /** See {@link TicketStore#roundAll}. */
        List<TicketStore.Round> roundAll(List<MatchKeys.Queue> queues, Map<MatchKeys.Queue, Boolean> mayTake,
                                         String instanceId, long nowMs, long foreignBeforeMs,
                                         TicketStore.RoundLimits limits, TicketBodies bodies);

        void renewOwner(List<MatchKeys.Queue> queues, String instanceId, long expiryMs);

        void unlease(MatchKeys.Queue queue, String instanceId);
    }

    /** What the claim stage (and anyone giving a claim back) calls. */
    interface Claims {
        /** See {@link TicketStore#claimAll}: null when the lease was lost, else per claim -1 or the first lost ticket. */
        int[] claimAll(MatchKeys.Queue queue, String leaseHolder, List<TicketStore.Claim> claims, long nowMs,
                       long claimTimeoutMs);

        /** Puts a claim's tickets back into the queue; returns the ids released. */
        List<String> release(MatchKeys.Queue queue, String matchId, String reason);
    }

    /** What the settle stage calls. */
    interface Commits {
        /** Marks each match's claimed tickets matched; per commit the tickets marked. */
        List<List<TicketStore.Committed>> commitAll(MatchKeys.Queue queue, List<TicketStore.Commit> commits);
    }

    /** Every call together, as one store serves them. */
    interface All extends Rounds, Claims, Commits {
    }
}
