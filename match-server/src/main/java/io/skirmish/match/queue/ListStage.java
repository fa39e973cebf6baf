package io.skirmish.match.queue;

import io.skirmish.match.rules.QueueMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stage "list" of a formation round: hands over the formation leases above this instance's share,
 * then makes the round call of every queue (take or renew the lease, sweep expired tickets, list
 * overdue claims, snapshot) in one pipeline, and remembers each queue's size.
 *
 * <p>{@link #list} runs on the formation thread; {@link #size} is read by request threads.
 */
final class ListStage {

    private static final Logger LOG = LoggerFactory.getLogger(ListStage.class);
    private static final int SWEEP_LIMIT = 500;
    private static final int OVERDUE_LIMIT = 16;

    /** What one round saw: each queue's call, and per queue its tickets old enough to be offered abroad. */
    record Listing(List<TicketStore.Round> rounds, Map<MatchKeys.Queue, List<Ticket>> old) {
    }

    private final MatchmakerConfig config;
    private final List<MatchKeys.Queue> queues;
    /** Written by the housekeeping thread's renewals, read by join threads. */
    private volatile long ownerLeaseUntilMs;
    private final FormationStore.Rounds store;
    private final MatchMetrics metrics;
    private final LeaseShare leases;
    private final TicketBodies bodies = new TicketBodies();
    private final Map<MatchKeys.Queue, Long> sizes = new ConcurrentHashMap<>();
    private final long foreignAfterMs;
    private final JoinAdmission admission;

    ListStage(MatchmakerConfig config, FormationStore.Rounds store, MatchMetrics metrics) {
        this.config = config;
        this.store = store;
        this.metrics = metrics;
        List<MatchKeys.Queue> all = new ArrayList<>();
        for (QueueMode mode : QueueMode.values()) {
            for (String region : config.regions()) {
                all.add(new MatchKeys.Queue(mode, region));
            }
        }
        this.queues = List.copyOf(all);
        this.leases = new LeaseShare(config.instanceId(), queues);
        long min = Long.MAX_VALUE;
        for (QueueMode mode : QueueMode.values()) {
            min = Math.min(min, config.rules(mode).foreignAfterMs());
        }
        this.foreignAfterMs = min;
        this.admission = new JoinAdmission(config.maxExpectedWait());
    }

    List<MatchKeys.Queue> queues() {
        return queues;
    }

    TicketBodies bodies() {
        return bodies;
    }

    long size(MatchKeys.Queue queue) {
        return sizes.getOrDefault(queue, 0L);
    }

    Set<MatchKeys.Queue> heldLeases() {
        return leases.held();
    }

    /** Admission of joins against each queue's backlog and formation rate, fed by every listing. */
    JoinAdmission admission() {
        return admission;
    }

    /**
     * @param nowMs epoch ms (shared with Redis and the other instances: ticket ages)
     * @param nowNs monotonic ns (the formation rate's time base)
     */
    Listing list(long nowMs, long nowNs) {
        LeaseShare.Plan plan = leases.plan();
        for (MatchKeys.Queue queue : plan.release()) {
            store.unlease(queue, config.instanceId());
            LOG.info("formation lease handed over queue={} share={}", queue.name(), leases.share());
        }
        // With one region no ticket is offered abroad: ask for no old tickets at all.
        long foreignBeforeMs = config.regions().size() < 2 ? Long.MIN_VALUE : nowMs - foreignAfterMs;
        List<TicketStore.Round> rounds = store.roundAll(queues, plan.mayTake(), config.instanceId(), nowMs,
                foreignBeforeMs, new TicketStore.RoundLimits(config.formationLease().toMillis(),
                        config.ticketTtl().toMillis(), SWEEP_LIMIT, config.snapshotLimit(), OVERDUE_LIMIT), bodies);
        leases.observe(rounds);
        Map<MatchKeys.Queue, List<Ticket>> old = new HashMap<>();
        for (TicketStore.Round round : rounds) {
            sizes.put(round.queue(), round.size());
            metrics.queueSize(round.queue().name(), round.size());
            admission.onListed(round.queue(), round.size(), round.matched(), nowNs);
            metrics.expectedWait(round.queue().name(), admission.expectedWaitMs(round.queue()));
            old.put(round.queue(), round.old());
        }
        return new Listing(rounds, old);
    }

    /** Keeps this instance's tickets in every queue alive for another owner lease. */
    void renewOwnerLeases(long nowMs) {
        long untilMs = nowMs + config.ownerLease().toMillis();
        store.renewOwner(queues, config.instanceId(), untilMs);
        ownerLeaseUntilMs = untilMs;
    }

    /**
     * Until when (epoch ms) the last successful renewal keeps this instance's owner lease alive in
     * every queue; 0 before the first one.
     */
    long ownerLeaseUntilMs() {
        return ownerLeaseUntilMs;
    }

    /** Gives up formation leases (clean shutdown) so another instance takes over at once. */
    void releaseLeases() {
        for (MatchKeys.Queue queue : queues) {
            try {
                store.unlease(queue, config.instanceId());
            } catch (RuntimeException e) {
                LOG.debug("unlease failed queue={} error={}", queue.name(), e.toString());
            }
        }
    }
}
