package io.skirmish.match.queue;

import io.skirmish.kit.events.EventDoc;
import io.skirmish.match.rules.Candidate;
import io.skirmish.match.rules.MatchFormer;
import io.skirmish.match.rules.Proposal;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import io.skirmish.protocol.match.v1.MatchFound;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.QueueUpdate;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.protocol.token.ConnectTokenClaims;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.SignedToken;
import com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Forms matches in the queues this instance holds the formation lease of, and places them:
 * claim (queue slot, all or nothing) -> allocate (the {@code {gs}} slot) -> commit (queue slot)
 * -> notify; a match that finds no server releases its claim back into the queue.
 *
 * <p>Per round: one pipeline carries the round call of every queue (take or renew the lease,
 * sweep expired tickets, list overdue claims, snapshot); then each held queue with tickets is
 * formed on a placement thread, and its proposals are placed together: one claim call for all
 * of them, one allocation call, one commit call, one pipeline for the players' index entries
 * and one for the pushes. So a round costs a handful of round trips per queue, however many
 * matches it forms. Leases are spread over the live instances ({@link LeaseShare}).
 *
 * <p>Two-slot safety: if this instance dies between claim and commit, the claim becomes overdue
 * and the queue's next lease holder settles it through {@link Allocator#abortIfUnallocated}:
 * committed and notified when the match had been allocated, released otherwise. A ticket is
 * therefore in at most one allocated match, and never lost. The claim call checks the lease in
 * the same script, so a holder that lost its lease claims nothing.
 *
 * <p>{@link #round} is called by one formation thread; queues are formed on {@code placement}
 * threads and awaited before the round ends.
 */
public final class Matchmaker {

    private static final Logger LOG = LoggerFactory.getLogger(Matchmaker.class);
    private static final int SWEEP_LIMIT = 500;
    private static final int OVERDUE_LIMIT = 16;
    /** Most matches placed per queue per round: keeps each script call to a few ms of Redis. */
    static final int MAX_PLACEMENTS_PER_ROUND = 512;
    private static final long NO_SERVER_BACKOFF_MS = 1_000;

    private final MatchmakerConfig config;
    private final TicketStore tickets;
    private final Allocator allocator;
    private final PlayerDirectory players;
    private final ConnectTokenIssuer issuer;
    private final Pushes pushes;
    private final MatchEvents events;
    private final MatchMetrics metrics;
    private final InstantSource clock;
    private final ExecutorService placement;
    private final List<MatchKeys.Queue> queues = new ArrayList<>();
    private final LeaseShare leases;
    private final TicketBodies bodies = new TicketBodies();
    private final Map<MatchKeys.Queue, Long> noServerUntil = new ConcurrentHashMap<>();
    private final Map<MatchKeys.Queue, Long> sizes = new ConcurrentHashMap<>();
    private volatile boolean backlog;

    public Matchmaker(MatchmakerConfig config, TicketStore tickets, Allocator allocator, PlayerDirectory players,
                      ConnectTokenIssuer issuer, Pushes pushes, MatchEvents events, MatchMetrics metrics,
                      InstantSource clock, ExecutorService placement) {
        this.config = config;
        this.tickets = tickets;
        this.allocator = allocator;
        this.players = players;
        this.issuer = issuer;
        this.pushes = pushes;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.placement = placement;
        for (QueueMode mode : QueueMode.values()) {
            for (String region : config.regions()) {
                queues.add(new MatchKeys.Queue(mode, region));
            }
        }
        this.leases = new LeaseShare(config.instanceId(), queues);
    }

    public List<MatchKeys.Queue> queues() {
        return queues;
    }

    /** A ticket this instance just wrote: its body need not be read back by the next round. */
    void written(Ticket ticket) {
        bodies.put(ticket);
    }

    /** Latest known size of a queue (0 before the first round). */
    public long size(MatchKeys.Queue queue) {
        return sizes.getOrDefault(queue, 0L);
    }

    /** Queues whose formation lease this instance held after the last round. */
    public Set<MatchKeys.Queue> heldLeases() {
        return leases.held();
    }

    /** Whether the last round left proposals unplaced (the next round should follow at once). */
    public boolean backlog() {
        return backlog;
    }

    /** Renews this instance's owner lease in every queue (call about 3 times per lease). */
    public void renewOwnerLeases() {
        tickets.renewOwner(queues, config.instanceId(), clock.millis() + config.ownerLease().toMillis());
    }

    /** Gives up formation leases (clean shutdown) so another instance takes over at once. */
    public void releaseLeases() {
        for (MatchKeys.Queue queue : queues) {
            try {
                tickets.unlease(queue, config.instanceId());
            } catch (RuntimeException e) {
                LOG.debug("unlease failed queue={} error={}", queue.name(), e.toString());
            }
        }
    }

    /** One formation round over every queue; returns the number of matches placed. */
    public int round() {
        long now = clock.millis();
        LeaseShare.Plan plan = leases.plan();
        for (MatchKeys.Queue queue : plan.release()) {
            tickets.unlease(queue, config.instanceId());
            LOG.info("formation lease handed over queue={} share={}", queue.name(), leases.share());
        }
        List<TicketStore.Round> rounds = tickets.roundAll(queues, plan.mayTake(), config.instanceId(), now,
                config.regions().size() < 2 ? Long.MIN_VALUE : now - minForeignAfterMs(),
                new TicketStore.RoundLimits(config.formationLease().toMillis(), config.ticketTtl().toMillis(), SWEEP_LIMIT,
                        config.snapshotLimit(), OVERDUE_LIMIT), bodies);
        leases.observe(rounds);
        Map<MatchKeys.Queue, List<Ticket>> old = new HashMap<>();
        for (TicketStore.Round round : rounds) {
            sizes.put(round.queue(), round.size());
            metrics.queueSize(round.queue().name(), round.size());
            old.put(round.queue(), round.old());
        }
        List<Future<Integer>> running = new ArrayList<>();
        for (TicketStore.Round round : rounds) {
            if (round.held() && (!round.snapshot().isEmpty() || !round.expired().isEmpty() || !round.overdue().isEmpty())) {
                running.add(placement.submit(() -> formQueue(round, old, now)));
            }
        }
        int placed = 0;
        boolean more = false;
        for (Future<Integer> future : running) {
            try {
                int count = future.get(30, TimeUnit.SECONDS);
                placed += Math.max(0, count);
                more |= count == MAX_PLACEMENTS_PER_ROUND;
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

    private long minForeignAfterMs() {
        long min = Long.MAX_VALUE;
        for (QueueMode mode : QueueMode.values()) {
            min = Math.min(min, config.rules(mode).foreignAfterMs());
        }
        return min;
    }

    /** Forms and places one held queue; returns the matches placed (or proposals tried, capped). */
    private int formQueue(TicketStore.Round round, Map<MatchKeys.Queue, List<Ticket>> old, long now) {
        MatchKeys.Queue queue = round.queue();
        long started = System.nanoTime();
        try {
            expire(queue, round.expired());
            recover(queue, round.overdue());
            if (noServerUntil.getOrDefault(queue, 0L) > now || round.snapshot().isEmpty()) {
                return 0;
            }
            List<Candidate> pool = new ArrayList<>(round.snapshot().size());
            for (Ticket ticket : round.snapshot()) {
                pool.add(ticket.candidate());
            }
            MatchFormer former = new MatchFormer(queue.mode(), config.rules(queue.mode()));
            for (Map.Entry<MatchKeys.Queue, List<Ticket>> other : old.entrySet()) {
                if (other.getKey().mode() == queue.mode() && !other.getKey().equals(queue)) {
                    for (Ticket ticket : other.getValue()) {
                        if (former.rules().mayPlayIn(ticket.candidate(), queue.region(), now)) {
                            pool.add(ticket.candidate());
                        }
                    }
                }
            }
            // Capped: a backlog is placed over several back-to-back rounds, each of bounded cost.
            List<Proposal> proposals = former.form(queue.region(), pool, now, MAX_PLACEMENTS_PER_ROUND);
            boolean capped = proposals.size() == MAX_PLACEMENTS_PER_ROUND;
            int placed = proposals.isEmpty() ? 0 : placeAll(queue, proposals, now);
            return capped ? MAX_PLACEMENTS_PER_ROUND : placed;
        } finally {
            metrics.formationRound(queue.name(), System.nanoTime() - started);
        }
    }

    /** A proposal on its way: its match id and its tickets per queue. */
    private record Placing(Proposal proposal, String matchId, Map<MatchKeys.Queue, List<String>> parts) {
    }

    /** A match to commit and announce in one queue. */
    private record Settle(String matchId, Allocator.Placement placement, String region) {
    }

    /** Claims, allocates, commits and announces the proposals of one held queue; returns the matches placed. */
    int placeAll(MatchKeys.Queue home, List<Proposal> proposals, long now) {
        List<Placing> placing = new ArrayList<>(proposals.size());
        Map<MatchKeys.Queue, List<TicketStore.Claim>> claims = new LinkedHashMap<>();
        claims.put(home, new ArrayList<>());
        for (Proposal proposal : proposals) {
            Map<MatchKeys.Queue, List<String>> parts = new LinkedHashMap<>();
            for (Candidate group : proposal.groups()) {
                parts.computeIfAbsent(new MatchKeys.Queue(proposal.mode(), group.queueRegion()), q -> new ArrayList<>())
                        .add(group.ticketId());
            }
            Placing next = new Placing(proposal, UUID.randomUUID().toString(), parts);
            placing.add(next);
            parts.forEach((q, ids) -> claims.computeIfAbsent(q, k -> new ArrayList<>())
                    .add(new TicketStore.Claim(next.matchId(), ids)));
        }
        // Claims: the home queue's in one call that also checks our lease; another region's part
        // (tickets offered abroad after a long wait) without, as its queue has its own holder.
        Set<String> failed = new HashSet<>();
        Map<MatchKeys.Queue, Set<String>> claimedIn = new LinkedHashMap<>();
        for (Map.Entry<MatchKeys.Queue, List<TicketStore.Claim>> part : claims.entrySet()) {
            MatchKeys.Queue queue = part.getKey();
            List<TicketStore.Claim> list = part.getValue();
            if (list.isEmpty()) {
                continue;
            }
            int[] lost = tickets.claimAll(queue, queue.equals(home) ? config.instanceId() : "", list, now,
                    config.claimTimeout().toMillis());
            if (lost == null) {
                return 0; // another instance holds the lease now: it forms from the same tickets
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
            for (MatchKeys.Queue queue : next.parts().keySet()) { // give back the parts that were claimed
                if (claimedIn.getOrDefault(queue, Set.of()).contains(next.matchId())) {
                    tickets.release(queue, next.matchId(), "race");
                }
            }
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Allocator.Request> requests = new ArrayList<>(claimed.size());
        for (Placing next : claimed) {
            requests.add(allocationRequest(next, now));
        }
        List<Allocator.Placement> placements;
        try {
            placements = allocator.allocateAll(home.region(), requests, now);
        } catch (RuntimeException e) {
            // Unknown whether the script ran: leave the claims to recovery, which settles them either way.
            LOG.warn("allocation outcome unknown matches={} error={}", claimed.size(), e.toString());
            return 0;
        }
        Map<MatchKeys.Queue, List<Settle>> settles = new LinkedHashMap<>();
        List<Pushes.Push> waiting = new ArrayList<>();
        boolean[] allocated = new boolean[claimed.size()];
        int placedCount = 0;
        for (int i = 0; i < claimed.size(); i++) {
            Placing next = claimed.get(i);
            Allocator.Placement placed = placements.get(i);
            if ("no_server".equals(placed.status())) {
                metrics.allocationFailed(home.region(), "no_server");
                noServerUntil.put(home, now + NO_SERVER_BACKOFF_MS);
                next.parts().keySet().forEach(queue -> tickets.release(queue, next.matchId(), "no_server"));
                for (Candidate group : next.proposal().groups()) {
                    waiting.add(new Pushes.Push(group.playerIds().get(0), waitingForServer(group, home.mode(), now)));
                }
            } else if (placed.allocated()) {
                allocated[i] = true;
                placedCount++;
                next.parts().keySet().forEach(queue -> settles.computeIfAbsent(queue, q -> new ArrayList<>())
                        .add(new Settle(next.matchId(), placed, next.proposal().region())));
            }
            // else aborted by a recovery that thought we were dead: it releases the tickets
        }
        pushes.pushAll(waiting);
        settles.forEach(this::settleAll);
        for (int i = 0; i < claimed.size(); i++) {
            if (allocated[i]) {
                formed(claimed.get(i), placements.get(i), now);
            }
        }
        return placedCount;
    }

    private Allocator.Request allocationRequest(Placing next, long now) {
        Proposal proposal = next.proposal();
        MatchAllocation.Builder allocation = MatchAllocation.newBuilder().setMatchId(next.matchId())
                .setMode(proposal.mode().wire()).setRegion(proposal.region()).setQuality(proposal.quality())
                .setAllocatedAtMs(now);
        StringBuilder slotText = new StringBuilder();
        for (Proposal.Slot slot : proposal.slots()) {
            allocation.addPlayers(AllocatedPlayer.newBuilder().setPlayerId(slot.playerId()).setTeam(slot.team() + 1)
                    .setPartyId(slot.ticket().size() > 1 ? slot.ticket().ticketId() : ""));
            slotText.append(slotText.length() == 0 ? "" : ",").append(slot.playerId()).append('=').append(slot.team());
        }
        return new Allocator.Request(allocation.build(), slotText.toString());
    }

    /** Metrics, event and debug line of one placed match. */
    private void formed(Placing next, Allocator.Placement placed, long now) {
        Proposal proposal = next.proposal();
        QueueMode mode = proposal.mode();
        MatchKeys.Queue home = new MatchKeys.Queue(mode, proposal.region());
        for (Candidate group : proposal.groups()) {
            MatchKeys.Queue queue = new MatchKeys.Queue(mode, group.queueRegion());
            metrics.waited(queue.name(), group.waitMs(now));
            metrics.ticket(queue.name(), "matched");
        }
        metrics.matchFormed(home.name(), mode.wireName(), proposal.quality(), proposal.skillWindow());
        events.offer(EventDoc.start("match_formed:" + next.matchId(), "match_formed", now, "match-server")
                .field("match_id", next.matchId()).field("mode", mode.wireName()).field("region", proposal.region())
                .field("server_id", placed.serverId()).field("quality", proposal.quality())
                .field("wait_ms", proposal.oldestWaitMs()).field("skill_window", proposal.skillWindow())
                .field("players_count", (long) proposal.slots().size()));
        if (LOG.isDebugEnabled()) {
            LOG.debug("match formed matchId={} queue={} server={} quality={} window={} waitMs={}", next.matchId(),
                    home.name(), placed.serverId(), String.format(Locale.ROOT, "%.3f", proposal.quality()),
                    proposal.skillWindow(), proposal.oldestWaitMs());
        }
    }

    /**
     * Commits one queue's part of allocated matches (one call), sends MatchFound to every player
     * (one batch of pushes) and frees their players' index entries (one pipeline).
     */
    private void settleAll(MatchKeys.Queue queue, List<Settle> matches) {
        List<TicketStore.Commit> commits = new ArrayList<>(matches.size());
        for (Settle settle : matches) {
            Allocator.Placement placed = settle.placement();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("match", settle.matchId());
            fields.put("server", placed.serverId());
            fields.put("host", placed.host());
            fields.put("tcp_port", Integer.toString(placed.tcpPort()));
            fields.put("udp_port", Integer.toString(placed.udpPort()));
            fields.put("slots", placed.slots());
            commits.add(new TicketStore.Commit(settle.matchId(), fields));
        }
        List<List<TicketStore.Committed>> committed = tickets.commitAll(queue, commits);
        List<PlayerDirectory.Request> free = new ArrayList<>();
        List<Pushes.Push> found = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            Settle settle = matches.get(i);
            Map<String, Integer> teams = parseSlots(settle.placement().slots());
            for (TicketStore.Committed ticket : committed.get(i)) {
                free.add(new PlayerDirectory.Request(queue.mode(), ticket.players(),
                        new PlayerDirectory.Entry(queue.mode(), queue.region(), ticket.ticketId())));
                for (String player : ticket.players()) {
                    Integer team = teams.get(player);
                    if (team != null) {
                        found.add(new Pushes.Push(player, matchFound(player, settle.matchId(), team, queue.mode(),
                                settle.region(), settle.placement())));
                    }
                }
            }
        }
        // Pushes before the index entries go: if this instance dies in between, the entries still
        // name the matched tickets, and a player's QueueStatusRequest re-sends its MatchFound.
        // The matched pointers keep that true after the entries are gone, while the match waits.
        pushes.pushAll(found);
        players.matched().rememberAll(free);
        players.releaseAll(free);
    }

    /** The MatchFound push for one player, with a freshly signed connect token. */
    public ServerMessage matchFound(String playerId, String matchId, int team, QueueMode mode, String region,
                                    Allocator.Placement placed) {
        SignedToken<ConnectTokenClaims> token = issuer.issue(playerId, matchId, placed.serverId(), team + 1, mode.wire());
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setMatchFound(MatchFound.newBuilder()
                .setMatchId(matchId).setMode(mode.wire()).setHost(placed.host()).setTcpPort(placed.tcpPort())
                .setUdpPort(placed.udpPort()).setConnectToken(ByteString.copyFrom(token.bytes())).setTeam(team + 1)
                .setExpiresAtMs(token.claims().expiresAtMs()).setRegion(region)
                .setConnectTokenId(ByteString.copyFrom(token.claims().tokenId()))).build();
    }

    private ServerMessage waitingForServer(Candidate group, QueueMode mode, long now) {
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setQueueUpdate(QueueUpdate.newBuilder()
                .setState(QueueState.QUEUE_STATE_WAITING_FOR_SERVER).setReason(ErrorCode.ERROR_CODE_NO_SERVER_AVAILABLE)
                .setMode(mode.wire()).setRegion(group.queueRegion()).setWaitedMs(group.waitMs(now))
                .setSkillWindow(config.rules(mode).skillWindow().at(group.waitMs(now)))
                .setQueueSize((int) Math.min(Integer.MAX_VALUE, size(new MatchKeys.Queue(mode, group.queueRegion())))))
                .build();
    }

    static Map<String, Integer> parseSlots(String slots) {
        Map<String, Integer> teams = new LinkedHashMap<>();
        if (slots == null || slots.isEmpty()) {
            return teams;
        }
        for (String part : slots.split(",")) {
            int eq = part.lastIndexOf('=');
            if (eq > 0) {
                teams.put(part.substring(0, eq), Integer.parseInt(part.substring(eq + 1)));
            }
        }
        return teams;
    }

    /** Frees the index entries of tickets the round call expired; tells the leaders still connected somewhere. */
    private void expire(MatchKeys.Queue queue, List<TicketStore.Expired> expired) {
        if (expired.isEmpty()) {
            return;
        }
        List<PlayerDirectory.Request> free = new ArrayList<>(expired.size());
        List<Pushes.Push> told = new ArrayList<>();
        for (TicketStore.Expired ticket : expired) {
            metrics.ticket(queue.name(), "expired");
            free.add(new PlayerDirectory.Request(queue.mode(), ticket.players(),
                    new PlayerDirectory.Entry(queue.mode(), queue.region(), ticket.ticketId())));
            if (!ticket.players().isEmpty()) {
                told.add(new Pushes.Push(ticket.players().get(0), ServerMessage.newBuilder()
                        .setVersion(ProtocolVersion.CURRENT).setQueueUpdate(QueueUpdate.newBuilder()
                                .setState(QueueState.QUEUE_STATE_NOT_QUEUED).setMode(queue.mode().wire())
                                .setRegion(queue.region()).setWaitedMs(config.ticketTtl().toMillis())).build()));
            }
        }
        players.releaseAll(free);
        pushes.pushAll(told);
    }

    /** Settles claims whose holder did not finish in time (it died, or stalled past the deadline). */
    private void recover(MatchKeys.Queue queue, List<String> overdue) {
        for (String matchId : overdue) {
            Allocator.Placement placed = allocator.abortIfUnallocated(matchId);
            if (placed.allocated()) {
                settleAll(queue, List.of(new Settle(matchId, placed, queue.region())));
                metrics.claimRecovered(queue.name(), "allocated");
            } else {
                tickets.release(queue, matchId, "recovered");
                metrics.claimRecovered(queue.name(), "aborted");
            }
            LOG.info("overdue claim settled matchId={} queue={} result={}", matchId, queue.name(), placed.status());
        }
    }
}
