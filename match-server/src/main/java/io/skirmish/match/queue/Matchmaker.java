package io.skirmish.match.queue;

import io.skirmish.match.rules.Proposal;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The formation loop, as a duty-cycle agent: each {@link #doWork} runs a round when one is due
 * (at once while the last round left proposals unplaced, else {@code formationInterval} after
 * the last round ended) and forms matches in the queues this instance holds the formation lease
 * of. A round is a pipeline of named stages:
 *
 * <pre>
 *   list ─► per held queue, on a placement thread:
 *           expire + recover ─► form ─► claim ─► allocate ─► settle (commit) ─► notify ─► settle (free index)
 * </pre>
 *
 * <ul>
 *   <li>{@link ListStage}: one pipeline carries the round call of every queue (take or renew the
 *       lease, sweep expired tickets, list overdue claims, snapshot); leases are spread over the
 *       live instances ({@link LeaseShare});</li>
 *   <li>{@link FormStage}: the rules turn a queue's snapshot into proposals (pure);</li>
 *   <li>{@link ClaimStage}: one claim call for all of a queue's proposals (queue slot, all or nothing);</li>
 *   <li>{@link AllocateStage}: one allocation call ({@code {gs}} slot); a match without a server is released;</li>
 *   <li>{@link SettleStage}: one commit call, then one call freeing the players' index entries;</li>
 *   <li>{@link NotifyStage}: one batch of pushes, metrics and {@code match_formed} events.</li>
 * </ul>
 * So a round costs a handful of round trips per queue, however many matches it forms.
 *
 * <p>Two-slot safety: if this instance dies between claim and commit, the claim becomes overdue
 * and the queue's next lease holder settles it ({@link #recover}): committed and notified when
 * the match had been allocated, released otherwise. A ticket is therefore in at most one
 * allocated match, and never lost. The claim call checks the lease in the same script, so a
 * holder that lost its lease claims nothing.
 *
 * <p>Both clocks are injected: the epoch clock stamps tickets and claims (shared with Redis and
 * the other instances), the nano clock schedules rounds and measures them. {@link #doWork} is
 * called by one formation thread (an {@code AgentRunner}); queues are formed on {@code placement}
 * threads and awaited before the round ends. {@link #size} and {@link #matchFound} are called by
 * request threads.
 */
public final class Matchmaker implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(Matchmaker.class);
    private static final long QUEUE_DEADLINE_SEC = 30;

    private final MatchmakerConfig config;
    private final MatchMetrics metrics;
    private final EpochClock epochClock;
    private final NanoClock nanoClock;
    private final ExecutorService placement;
    private final ListStage list;
    private final FormStage form;
    private final ClaimStage claim;
    private final AllocateStage allocate;
    private final SettleStage settle;
    private final NotifyStage notify;
    private final long intervalNs;
    private long nextRoundNs;
    private volatile boolean backlog;

    public Matchmaker(MatchmakerConfig config, MatchmakerPorts ports, ConnectTokenIssuer issuer, MatchMetrics metrics,
                      EpochClock epochClock, NanoClock nanoClock, ExecutorService placement) {
        this.config = config;
        this.metrics = metrics;
        this.epochClock = epochClock;
        this.nanoClock = nanoClock;
        this.placement = placement;
        this.list = new ListStage(config, ports.store(), metrics);
        this.form = new FormStage(config);
        this.claim = new ClaimStage(config, ports.store(), metrics, () -> UUID.randomUUID().toString());
        this.allocate = new AllocateStage(ports.allocations(), ports.store(), metrics);
        this.settle = new SettleStage(ports.store(), ports.players());
        this.notify = new NotifyStage(config, issuer, ports.pushes(), ports.events(), metrics, list::size);
        this.intervalNs = config.formationInterval().toNanos();
        this.nextRoundNs = nanoClock.nanoTime();
    }

    @Override
    public String roleName() {
        return "match-formation";
    }

    /** Runs a round when one is due; returns 0 when none was, else 1 plus the matches placed. */
    @Override
    public int doWork() {
        if (nanoClock.nanoTime() - nextRoundNs < 0) {
            return 0;
        }
        int placed = 0;
        try {
            placed = round();
        } finally {
            // Also after a failed round, so a failing Redis is retried at the interval, not in a spin.
            nextRoundNs = nanoClock.nanoTime() + (backlog ? 0 : intervalNs);
        }
        return 1 + placed;
    }

    public List<MatchKeys.Queue> queues() {
        return list.queues();
    }

    /** A ticket this instance just wrote: its body need not be read back by the next round. */
    void written(Ticket ticket) {
        list.bodies().put(ticket);
    }

    /** Latest known size of a queue (0 before the first round). */
    public long size(MatchKeys.Queue queue) {
        return list.size(queue);
    }

    /** Whether joins to each queue are admitted, against its backlog and formation rate after the last round. */
    public JoinAdmission admission() {
        return list.admission();
    }

    /** Queues whose formation lease this instance held after the last round. */
    public Set<MatchKeys.Queue> heldLeases() {
        return list.heldLeases();
    }

    /** Whether the last round left proposals unplaced (the next round follows at once). */
    public boolean backlog() {
        return backlog;
    }

    /** Renews this instance's owner lease in every queue (call about 3 times per lease). */
    public void renewOwnerLeases() {
        list.renewOwnerLeases(epochClock.time());
    }

    /** Until when (epoch ms) the last successful renewal keeps this instance's owner lease alive; 0 before one. */
    long ownerLeaseUntilMs() {
        return list.ownerLeaseUntilMs();
    }

    /** Gives up formation leases (clean shutdown) so another instance takes over at once. */
    public void releaseLeases() {
        list.releaseLeases();
    }

    /** The MatchFound push for one player, with a freshly signed connect token. */
    public ServerMessage matchFound(String playerId, String matchId, int team, QueueMode mode, String region,
                                    Allocator.Placement placed) {
        return notify.matchFound(playerId, matchId, team, mode, region, placed);
    }

    /** {@code player=team,...} as written by the allocation (teams from 0; also a fate record's slots). */
    public static Map<String, Integer> parseSlots(String slots) {
        return SettleStage.parseSlots(slots);
    }

    /** One formation round over every queue; returns the number of matches placed. */
    int round() {
        long nowMs = epochClock.time();
        ListStage.Listing listing = list.list(nowMs, nanoClock.nanoTime());
        List<Future<Integer>> running = new ArrayList<>();
        for (TicketStore.Round round : listing.rounds()) {
            if (round.held() && (!round.snapshot().isEmpty() || !round.expired().isEmpty() || !round.overdue().isEmpty())) {
                running.add(placement.submit(() -> formQueue(round, listing.old(), nowMs)));
            }
        }
        int placed = 0;
        boolean more = false;
        for (Future<Integer> future : running) {
            try {
                int count = future.get(QUEUE_DEADLINE_SEC, TimeUnit.SECONDS);
                placed += Math.max(0, count);
                more |= count == FormStage.MAX_PLACEMENTS_PER_ROUND;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("formation failed error={}", e instanceof ExecutionException ? e.getCause().toString() : "timeout");
            }
        }
        backlog = more;
        return placed;
    }

    /** Forms and places one held queue; returns the matches placed (or proposals tried, capped). */
    private int formQueue(TicketStore.Round round, Map<MatchKeys.Queue, List<Ticket>> old, long nowMs) {
        MatchKeys.Queue queue = round.queue();
        long startedNs = nanoClock.nanoTime();
        try {
            expire(queue, round.expired());
            recover(queue, round.overdue());
            if (allocate.backingOff(queue, nowMs) || round.snapshot().isEmpty()) {
                return 0;
            }
            List<Proposal> proposals = form.propose(round, old, nowMs);
            boolean capped = proposals.size() == FormStage.MAX_PLACEMENTS_PER_ROUND;
            int placed = proposals.isEmpty() ? 0 : place(queue, proposals, nowMs);
            return capped ? FormStage.MAX_PLACEMENTS_PER_ROUND : placed;
        } finally {
            metrics.formationRound(queue.name(), nanoClock.nanoTime() - startedNs);
        }
    }

    /** Claims, allocates, commits and announces the proposals of one held queue; returns the matches placed. */
    private int place(MatchKeys.Queue home, List<Proposal> proposals, long nowMs) {
        List<ClaimStage.Placing> claimed = claim.claim(home, proposals, nowMs);
        if (claimed.isEmpty()) {
            return 0;
        }
        AllocateStage.Outcome outcome = allocate.allocate(home, claimed, nowMs);
        notify.waitingForServer(home, outcome.noServer(), nowMs);
        Map<MatchKeys.Queue, List<SettleStage.Settle>> byQueue = new LinkedHashMap<>();
        for (AllocateStage.Allocated match : outcome.allocated()) {
            ClaimStage.Placing next = match.placing();
            next.parts().keySet().forEach(queue -> byQueue.computeIfAbsent(queue, q -> new ArrayList<>())
                    .add(new SettleStage.Settle(next.matchId(), match.placement(), next.proposal().region())));
        }
        byQueue.forEach(this::settleAndNotify);
        for (AllocateStage.Allocated match : outcome.allocated()) {
            notify.formed(match, nowMs);
        }
        return outcome.allocated().size();
    }

    private void settleAndNotify(MatchKeys.Queue queue, List<SettleStage.Settle> matches) {
        List<SettleStage.Settled> settled = settle.commit(queue, matches);
        // Pushes before the index entries go: if this instance dies in between, the entries still
        // name the matched tickets, and a player's QueueStatusRequest re-sends its MatchFound.
        // The matched pointers (written by freeIndex) keep that true after the entries are gone.
        notify.matchesFound(queue, settled);
        settle.freeIndex(queue, settled);
    }

    /** Frees the index entries of tickets the round call expired; tells the leaders still connected somewhere. */
    private void expire(MatchKeys.Queue queue, List<TicketStore.Expired> expired) {
        if (!expired.isEmpty()) {
            settle.freeExpired(queue, expired);
            notify.expired(queue, expired);
        }
    }

    /** Settles claims whose holder did not finish in time (it died, or stalled past the deadline). */
    private void recover(MatchKeys.Queue queue, List<String> overdue) {
        for (String matchId : overdue) {
            Allocator.Placement placed = allocate.abortIfUnallocated(matchId);
            if (placed.allocated()) {
                settleAndNotify(queue, List.of(new SettleStage.Settle(matchId, placed, queue.region())));
                metrics.claimRecovered(queue.name(), "allocated");
            } else {
                claim.release(queue, matchId, "recovered");
                metrics.claimRecovered(queue.name(), "aborted");
            }
            LOG.info("overdue claim settled matchId={} queue={} result={}", matchId, queue.name(), placed.status());
        }
    }
}
