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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;

/**
 * Forms matches in every queue this instance holds the formation lease of, and places them:
 * claim (queue slot, all or nothing) -> allocate (the {@code {gs}} slot) -> commit (queue slot)
 * -> notify; an allocation that finds no server releases the claim back into the queue.
 *
 * <p>Two-slot safety: if this instance dies between claim and commit, the claim becomes overdue
 * and the queue's next lease holder settles it through {@link Allocator#abortIfUnallocated}:
 * committed and notified when the match had been allocated, released otherwise. A ticket is
 * therefore in at most one allocated match, and never lost.
 *
 * <p>{@link #round} is called by one formation thread; placements run on {@code placement}
 * threads and are awaited before the next round.
 */
public final class Matchmaker {

    private static final Logger LOG = LoggerFactory.getLogger(Matchmaker.class);
    private static final int SWEEP_LIMIT = 500;
    private static final int MAX_PLACEMENTS_PER_ROUND = 256;
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
    private final Map<MatchKeys.Queue, Long> noServerUntil = new ConcurrentHashMap<>();
    private final Map<MatchKeys.Queue, Long> sizes = new ConcurrentHashMap<>();

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
    }

    public List<MatchKeys.Queue> queues() {
        return queues;
    }

    /** Latest known size of a queue (0 before the first round). */
    public long size(MatchKeys.Queue queue) {
        return sizes.getOrDefault(queue, 0L);
    }

    /** Renews this instance's owner lease in every queue (call about 3 times per lease). */
    public void renewOwnerLeases() {
        long expiry = clock.millis() + config.ownerLease().toMillis();
        for (MatchKeys.Queue queue : queues) {
            tickets.renewOwner(queue, config.instanceId(), expiry);
        }
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
        int placed = 0;
        for (MatchKeys.Queue queue : queues) {
            try {
                long size = tickets.size(queue);
                sizes.put(queue, size);
                metrics.queueSize(queue.name(), size);
                if (size == 0 && tickets.overdueClaims(queue, clock.millis(), 1).isEmpty()) {
                    continue;
                }
                if (!tickets.lease(queue, config.instanceId(), config.formationLease().toMillis())) {
                    continue;
                }
                placed += formQueue(queue);
            } catch (RuntimeException e) {
                LOG.warn("formation round failed queue={} error={}", queue.name(), e.toString());
            }
        }
        return placed;
    }

    private int formQueue(MatchKeys.Queue queue) {
        long started = System.nanoTime();
        long now = clock.millis();
        sweep(queue, now);
        recover(queue, now);
        if (noServerUntil.getOrDefault(queue, 0L) > now) {
            return 0;
        }
        List<Candidate> pool = new ArrayList<>();
        for (Ticket ticket : tickets.snapshot(queue, config.snapshotLimit(), now)) {
            pool.add(ticket.candidate());
        }
        if (pool.isEmpty()) {
            return 0;
        }
        MatchFormer former = new MatchFormer(queue.mode(), config.rules(queue.mode()));
        addForeign(queue, former, pool, now);
        List<Proposal> proposals = former.form(queue.region(), pool, now);
        // A slow round may have outlived its lease: then another instance is forming from the same
        // tickets, and placing these proposals would only lose claims to it.
        if (!tickets.lease(queue, config.instanceId(), config.formationLease().toMillis())) {
            return 0;
        }
        // Bounded per round so a round stays well inside its lease; the rest waits 1 round.
        if (proposals.size() > MAX_PLACEMENTS_PER_ROUND) {
            proposals = proposals.subList(0, MAX_PLACEMENTS_PER_ROUND);
        }
        AtomicBoolean holding = new AtomicBoolean(true);
        List<CompletableFuture<Boolean>> running = new ArrayList<>(proposals.size());
        for (Proposal proposal : proposals) {
            running.add(CompletableFuture.supplyAsync(() -> holding.get() && place(proposal), placement));
        }
        int placed = 0;
        long leaseMs = config.formationLease().toMillis();
        long renewEveryMs = Math.max(10, leaseMs / 3);
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (CompletableFuture<Boolean> future : running) {
            while (true) {
                try {
                    placed += future.get(renewEveryMs, TimeUnit.MILLISECONDS) ? 1 : 0;
                    break;
                } catch (TimeoutException e) {
                    // Placement is slow (a busy Redis): keep the lease so no other instance forms the same tickets.
                    if (!tickets.lease(queue, config.instanceId(), leaseMs)) {
                        holding.set(false); // another instance forms now: place nothing more from this round
                    }
                    if (System.nanoTime() > deadlineNs) {
                        LOG.warn("placement still running after 30 s queue={}", queue.name());
                        break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return placed;
                } catch (ExecutionException e) {
                    LOG.warn("placement failed queue={} error={}", queue.name(), e.getCause().toString());
                    break;
                }
            }
        }
        metrics.formationRound(queue.name(), System.nanoTime() - started);
        return placed;
    }

    /** Tickets of the same mode in other regions that have waited long enough to play here. */
    private void addForeign(MatchKeys.Queue queue, MatchFormer former, List<Candidate> pool, long now) {
        if (config.regions().size() < 2) {
            return;
        }
        long after = former.rules().foreignAfterMs();
        for (String region : config.regions()) {
            if (region.equals(queue.region())) {
                continue;
            }
            for (Ticket ticket : tickets.snapshot(new MatchKeys.Queue(queue.mode(), region), config.snapshotLimit(), now)) {
                if (now - ticket.enqueuedMs() < after) {
                    break; // oldest first: the rest waited even less
                }
                if (former.rules().mayPlayIn(ticket.candidate(), queue.region(), now)) {
                    pool.add(ticket.candidate());
                }
            }
        }
    }

    /** Claims, allocates and announces one proposal; false when it did not happen. */
    boolean place(Proposal proposal) {
        String matchId = UUID.randomUUID().toString();
        QueueMode mode = proposal.mode();
        Map<MatchKeys.Queue, List<String>> parts = new LinkedHashMap<>();
        for (Candidate group : proposal.groups()) {
            parts.computeIfAbsent(new MatchKeys.Queue(mode, group.queueRegion()), q -> new ArrayList<>())
                    .add(group.ticketId());
        }
        MatchKeys.Queue home = new MatchKeys.Queue(mode, proposal.region());
        List<MatchKeys.Queue> claimed = new ArrayList<>();
        long now = clock.millis();
        for (Map.Entry<MatchKeys.Queue, List<String>> part : parts.entrySet()) {
            int lost = tickets.claim(part.getKey(), matchId, part.getValue(), now, config.claimTimeout().toMillis());
            if (lost >= 0) {
                metrics.claimLost(part.getKey().name());
                for (MatchKeys.Queue done : claimed) {
                    tickets.release(done, matchId, "race");
                }
                return false;
            }
            claimed.add(part.getKey());
        }
        List<Proposal.Slot> slots = proposal.slots();
        MatchAllocation.Builder allocation = MatchAllocation.newBuilder().setMatchId(matchId).setMode(mode.wire())
                .setRegion(proposal.region()).setQuality(proposal.quality()).setAllocatedAtMs(now);
        StringBuilder slotText = new StringBuilder();
        for (Proposal.Slot slot : slots) {
            allocation.addPlayers(AllocatedPlayer.newBuilder().setPlayerId(slot.playerId()).setTeam(slot.team() + 1)
                    .setPartyId(slot.ticket().size() > 1 ? slot.ticket().ticketId() : ""));
            slotText.append(slotText.length() == 0 ? "" : ",").append(slot.playerId()).append('=').append(slot.team());
        }
        Allocator.Placement placed;
        try {
            placed = allocator.allocate(allocation.build(), slotText.toString(), now);
        } catch (RuntimeException e) {
            // Unknown whether the script ran: leave the claim to recovery, which settles it either way.
            LOG.warn("allocation outcome unknown matchId={} error={}", matchId, e.toString());
            return false;
        }
        if ("no_server".equals(placed.status())) {
            metrics.allocationFailed(proposal.region(), "no_server");
            noServerUntil.put(home, now + NO_SERVER_BACKOFF_MS);
            for (MatchKeys.Queue queue : claimed) {
                tickets.release(queue, matchId, "no_server");
            }
            for (Candidate group : proposal.groups()) {
                pushes.push(group.playerIds().get(0), waitingForServer(group, mode, now));
            }
            return false;
        }
        if (!placed.allocated()) {
            return false; // aborted by a recovery that thought we were dead: it releases the tickets
        }
        for (Map.Entry<MatchKeys.Queue, List<String>> part : parts.entrySet()) {
            settle(part.getKey(), matchId, placed, mode, proposal.region());
        }
        for (Candidate group : proposal.groups()) {
            MatchKeys.Queue queue = new MatchKeys.Queue(mode, group.queueRegion());
            metrics.waited(queue.name(), group.waitMs(now));
            metrics.ticket(queue.name(), "matched");
        }
        metrics.matchFormed(home.name(), mode.wireName(), proposal.quality(), proposal.skillWindow());
        events.offer(EventDoc.start("match_formed:" + matchId, "match_formed", now, "match-server")
                .field("match_id", matchId).field("mode", mode.wireName()).field("region", proposal.region())
                .field("server_id", placed.serverId()).field("quality", proposal.quality())
                .field("wait_ms", proposal.oldestWaitMs()).field("skill_window", proposal.skillWindow())
                .field("players_count", (long) slots.size()));
        LOG.debug("match formed matchId={} queue={} server={} quality={} window={} waitMs={}", matchId, home.name(),
                placed.serverId(), String.format(Locale.ROOT, "%.3f", proposal.quality()), proposal.skillWindow(),
                proposal.oldestWaitMs());
        return true;
    }

    /** Commits one queue's part of an allocated match, frees its players' index and sends MatchFound. */
    private void settle(MatchKeys.Queue queue, String matchId, Allocator.Placement placed, QueueMode mode,
                        String region) {
        List<String> ids = tickets.claimTickets(queue, matchId);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("match", matchId);
        fields.put("server", placed.serverId());
        fields.put("host", placed.host());
        fields.put("tcp_port", Integer.toString(placed.tcpPort()));
        fields.put("udp_port", Integer.toString(placed.udpPort()));
        fields.put("slots", placed.slots());
        List<List<String>> ticketPlayers = new ArrayList<>();
        for (String id : ids) {
            ticketPlayers.add(TicketStore.splitPlayers(tickets.read(queue, id).get("players")));
        }
        tickets.commit(queue, matchId, fields);
        Map<String, Integer> teams = parseSlots(placed.slots());
        for (int i = 0; i < ids.size(); i++) {
            List<String> group = ticketPlayers.get(i);
            players.release(group, new PlayerDirectory.Entry(mode, queue.region(), ids.get(i)));
            for (String player : group) {
                Integer team = teams.get(player);
                if (team != null) {
                    pushes.push(player, matchFound(player, matchId, team, mode, region, placed));
                }
            }
        }
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

    /** Expires old tickets and tickets of dead owners; tells the leaders still connected somewhere. */
    private void sweep(MatchKeys.Queue queue, long now) {
        for (TicketStore.Expired expired : tickets.sweep(queue, now, config.ticketTtl().toMillis(), SWEEP_LIMIT)) {
            metrics.ticket(queue.name(), "expired");
            players.release(expired.players(), new PlayerDirectory.Entry(queue.mode(), queue.region(), expired.ticketId()));
            if (!expired.players().isEmpty()) {
                pushes.push(expired.players().get(0), ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                        .setQueueUpdate(QueueUpdate.newBuilder().setState(QueueState.QUEUE_STATE_NOT_QUEUED)
                                .setMode(queue.mode().wire()).setRegion(queue.region())
                                .setWaitedMs(config.ticketTtl().toMillis())).build());
            }
        }
    }

    /** Settles claims whose holder did not finish in time (it died, or stalled past the deadline). */
    private void recover(MatchKeys.Queue queue, long now) {
        for (String matchId : tickets.overdueClaims(queue, now, 16)) {
            Allocator.Placement placed = allocator.abortIfUnallocated(matchId);
            if (placed.allocated()) {
                settle(queue, matchId, placed, queue.mode(), queue.region());
                metrics.claimRecovered(queue.name(), "allocated");
            } else {
                tickets.release(queue, matchId, "recovered");
                metrics.claimRecovered(queue.name(), "aborted");
            }
            LOG.info("overdue claim settled matchId={} queue={} result={}", matchId, queue.name(), placed.status());
        }
    }
}
