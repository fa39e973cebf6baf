package io.skirmish.match.queue;

import io.skirmish.kit.events.EventDoc;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Skill;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.JoinQueue;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.QueueUpdate;
import io.skirmish.protocol.match.v1.RegionRtt;
import io.skirmish.protocol.match.v1.ServerMessage;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The queue requests of a logged-in player: join (validate, read ratings, reserve the players,
 * write the ticket; batched, see {@link #joinAll}), leave, and status. {@link #prepare} touches
 * no Redis; everything else makes blocking Redis calls: run it on a worker thread, never on a
 * Netty event loop. Thread-safe.
 */
public final class QueueService {

    /** Player ids: 1..64 of letters, digits, '.', '_', '-', ':' (they end up in keys and channels). */
    public static final Pattern PLAYER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_RTTS = 16;

    private final MatchmakerConfig config;
    private final TicketStore tickets;
    private final PlayerDirectory players;
    private final Matchmaker matchmaker;
    private final MatchEvents events;
    private final MatchMetrics metrics;
    private final InstantSource clock;
    /** Set once this instance stops: a closed connection's ticket is left for its player's next login. */
    private volatile boolean handingOver;

    public QueueService(MatchmakerConfig config, TicketStore tickets, PlayerDirectory players, Matchmaker matchmaker,
                        MatchEvents events, MatchMetrics metrics, InstantSource clock) {
        this.config = config;
        this.tickets = tickets;
        this.players = players;
        this.matchmaker = matchmaker;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A ticket this instance wrote, for status pushes and disconnect clean-up. */
    public record Joined(MatchKeys.Queue queue, String ticketId, List<String> playerIds, long enqueuedMs) {
        public PlayerDirectory.Entry entry() {
            return new PlayerDirectory.Entry(queue.mode(), queue.region(), ticketId);
        }
    }

    /** A validated join, not yet in Redis: what the ticket will be. */
    public record JoinPlan(MatchKeys.Queue queue, String ticketId, List<String> party, Map<String, Integer> rtts) {
        PlayerDirectory.Entry entry() {
            return new PlayerDirectory.Entry(queue.mode(), queue.region(), ticketId);
        }
    }

    /**
     * Checks a JoinQueue request without touching Redis (so any thread may call it, the event
     * loop included) and picks the ticket id.
     */
    public JoinPlan prepare(String playerId, JoinQueue request) throws ProtocolException {
        QueueMode mode = QueueMode.fromWire(request.getMode());
        if (mode == null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_UNKNOWN_MODE, "mode " + request.getMode() + " is not served");
        }
        String region = request.getRegion();
        if (!config.regions().contains(region)) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_UNKNOWN_REGION,
                    "region '" + truncate(region) + "' is not one of " + config.regions());
        }
        if (request.getRegionRttsCount() > MAX_RTTS) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT,
                    request.getRegionRttsCount() + " region RTTs, at most " + MAX_RTTS);
        }
        Map<String, Integer> rtts = new LinkedHashMap<>();
        for (RegionRtt rtt : request.getRegionRttsList()) {
            if (config.regions().contains(rtt.getRegion())) {
                rtts.put(rtt.getRegion(), (int) Math.min(Integer.MAX_VALUE, Integer.toUnsignedLong(rtt.getRttMs())));
            }
        }
        MatchKeys.Queue queue = new MatchKeys.Queue(mode, region);
        long waiting = matchmaker.size(queue);
        if (waiting >= config.maxQueueSize()) {
            // Past this the queue grows faster than it drains: refusing at the door keeps the
            // waits of those already in it bounded, and the formation rounds cheap.
            metrics.ticket(queue.name(), "refused_full");
            throw new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY, "queue " + queue.name() + " has " + waiting
                    + " tickets waiting (limit " + config.maxQueueSize() + "); retry shortly");
        }
        JoinAdmission.Refusal slow = matchmaker.admission().check(queue);
        if (slow != null) {
            // Formation drains less than arrives: a join now would only lengthen every wait. Refused
            // here, before any Redis command, so an overload costs the instance almost nothing.
            metrics.ticket(queue.name(), "refused_slow");
            throw new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY, "queue " + queue.name() + " is behind: "
                    + slow.reason() + "; retry shortly");
        }
        List<String> party = new ArrayList<>();
        party.add(playerId);
        Set<String> seen = new HashSet<>(party);
        if (request.getPartyPlayerIdsCount() > mode.maxPartySize() - 1) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_PARTY_INVALID, "a " + mode.wireName() + " party has at most "
                    + mode.maxPartySize() + " players, got " + (request.getPartyPlayerIdsCount() + 1));
        }
        for (String member : request.getPartyPlayerIdsList()) {
            if (!PLAYER_ID.matcher(member).matches()) {
                throw new ProtocolException(ErrorCode.ERROR_CODE_PARTY_INVALID, "party member id '" + truncate(member)
                        + "' is not 1..64 of [A-Za-z0-9._:-]");
            }
            if (!seen.add(member)) {
                throw new ProtocolException(ErrorCode.ERROR_CODE_PARTY_INVALID, "party member " + member + " appears twice");
            }
            party.add(member);
        }
        return new JoinPlan(queue, newTicketId(), party, rtts);
    }

    /** The outcome of one join of a batch: the ticket, or why it was refused. */
    public record JoinResult(Joined joined, ProtocolException refused) {
    }

    /** Validates and enqueues one join (a batch of one); throws when refused. */
    public Joined join(String playerId, JoinQueue request) throws ProtocolException {
        JoinResult result = joinAll(List.of(prepare(playerId, request))).get(0);
        if (result.refused() != null) {
            throw result.refused();
        }
        return result.joined();
    }

    /**
     * Enqueues many prepared joins in two pipelined round trips however many there are: read the
     * players' ratings and reserve their index entries, then write every ticket (one script call
     * per queue). Blocking: run on a worker, never on an event loop. One result per plan, in
     * order; a Redis failure throws for the whole batch (with no ticket half-written).
     */
    public List<JoinResult> joinAll(List<JoinPlan> plans) {
        long ttlMs = config.ticketTtl().toMillis() + 60_000;
        List<PlayerDirectory.Request> requests = new ArrayList<>(plans.size());
        for (JoinPlan plan : plans) {
            requests.add(new PlayerDirectory.Request(plan.queue().mode(), plan.party(), plan.entry()));
        }
        List<PlayerDirectory.Reservation> reservations;
        try {
            reservations = players.reserveAll(requests, ttlMs);
        } catch (RuntimeException e) {
            // Some entries may have been written before the failure (other cluster nodes): give
            // back whatever names these new tickets, so the client's retry is not refused.
            players.releaseAfterFailure(requests);
            throw e;
        }
        long now = clock.millis();
        List<JoinResult> results = new ArrayList<>(plans.size());
        List<TicketStore.NewTicket> toWrite = new ArrayList<>();
        List<Integer> written = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            JoinPlan plan = plans.get(i);
            PlayerDirectory.Reservation reservation = reservations.get(i);
            if (!reservation.ok()) {
                results.add(new JoinResult(null, new ProtocolException(ErrorCode.ERROR_CODE_ALREADY_QUEUED,
                        "player " + reservation.busyPlayer() + " is already queued")));
                continue;
            }
            results.add(null);
            written.add(i);
            toWrite.add(new TicketStore.NewTicket(new Ticket(plan.ticketId(), plan.queue(), plan.party(),
                    Skill.party(reservation.skills()), now, plan.rtts(), config.instanceId()), reservation.reservedAtSec()));
        }
        if (toWrite.isEmpty()) {
            return results;
        }
        int[] status;
        try {
            // A ticket must never be owned by an instance without a live owner lease (the round
            // would sweep it as owner_gone). The renewals write it every third of the lease; while
            // the last one has at least half a lease to run, the write need not repeat it.
            long leaseMs = config.ownerLease().toMillis();
            status = matchmaker.ownerLeaseUntilMs() - now >= leaseMs / 2
                    ? tickets.enqueueAllLeased(toWrite, config.instanceId(), PlayerDirectory.ENQUEUE_LIMIT_SEC)
                    : tickets.enqueueAll(toWrite, config.instanceId(), now + leaseMs, PlayerDirectory.ENQUEUE_LIMIT_SEC);
        } catch (RuntimeException e) {
            // The entries are kept: a write whose reply was lost (a cut connection) may have
            // landed, and releasing its players let their retry write a second ticket, one player
            // in two slots (AmbiguousJoinIT). An entry naming a ticket that was never written
            // turns stale and is taken over ({@link PlayerDirectory#STALE_AFTER_SEC}).
            throw e;
        }
        List<PlayerDirectory.Request> giveBack = new ArrayList<>();
        for (int k = 0; k < toWrite.size(); k++) {
            Ticket ticket = toWrite.get(k).ticket();
            int index = written.get(k);
            if (status[k] != 1) {
                giveBack.add(new PlayerDirectory.Request(ticket.queue().mode(), ticket.playerIds(), entry(ticket)));
                results.set(index, new JoinResult(null, new ProtocolException(ErrorCode.ERROR_CODE_SERVER_BUSY,
                        "the join took too long; retry")));
                continue;
            }
            results.set(index, new JoinResult(new Joined(ticket.queue(), ticket.id(), ticket.playerIds(), now), null));
            matchmaker.written(ticket);
            joinedEvents(ticket, now);
        }
        players.releaseAll(giveBack);
        return results;
    }

    private static PlayerDirectory.Entry entry(Ticket ticket) {
        return new PlayerDirectory.Entry(ticket.queue().mode(), ticket.queue().region(), ticket.id());
    }

    private void joinedEvents(Ticket ticket, long now) {
        QueueMode mode = ticket.queue().mode();
        metrics.ticket(ticket.queue().name(), "joined");
        double window = config.rules(mode).skillWindow().at(0);
        for (String member : ticket.playerIds()) {
            events.offer(EventDoc.start("queue_joined:" + ticket.id() + ":" + member, "queue_joined", now, "match-server")
                    .field("player_id", member).field("mode", mode.wireName()).field("region", ticket.queue().region())
                    .field("wait_ms", 0L).field("skill_window", window).field("party_size", (long) ticket.playerIds().size()));
        }
    }

    /**
     * 96 random bits: unique across instances for any realistic number of tickets (the enqueue
     * script refuses a duplicate anyway). Not a secret, so no SecureRandom, whose shared state
     * is a contention point at thousands of joins a second.
     */
    private static String newTicketId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextInt());
    }

    /** The reply to a successful join. */
    public ServerMessage.Builder searching(Joined joined) {
        return update(joined.queue(), QueueState.QUEUE_STATE_SEARCHING, 0, joined.enqueuedMs());
    }

    /** Cancels the player's ticket (any member may cancel the party's ticket). */
    public ServerMessage.Builder leave(String playerId, Optional<String> outcome) throws ProtocolException {
        PlayerDirectory.Entry entry = players.lookup(playerId);
        if (entry == null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_NOT_QUEUED, "player " + playerId + " is not queued");
        }
        TicketStore.CancelResult result = tickets.cancel(entry.queue(), entry.ticketId(), outcome.orElse("cancelled"));
        switch (result.status()) {
            case "ok" -> {
                players.release(result.players(), entry);
                metrics.ticket(entry.queue().name(), outcome.orElse("cancelled"));
                return update(entry.queue(), QueueState.QUEUE_STATE_LEFT, 0, clock.millis());
            }
            case "claimed" -> throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_STATE,
                    "the ticket is being placed in a match right now; MatchFound or a queue update follows");
            case "matched" -> {
                return update(entry.queue(), QueueState.QUEUE_STATE_MATCHED, 0, clock.millis());
            }
            default -> {
                players.release(List.of(playerId), entry);
                throw new ProtocolException(ErrorCode.ERROR_CODE_NOT_QUEUED, "player " + playerId + " is not queued");
            }
        }
    }

    /**
     * Cancels a ticket this instance owns because its leader's connection closed; one another
     * instance took over meanwhile (its leader logged in there, see {@link #resume}) is left alone.
     */
    public void abandon(Joined joined) {
        if (handingOver) {
            return;
        }
        TicketStore.CancelResult result = tickets.cancel(joined.queue(), joined.ticketId(), "expired",
                config.instanceId());
        if (result.removed()) {
            players.release(result.players(), joined.entry());
            metrics.ticket(joined.queue().name(), "expired");
        }
    }

    /**
     * This instance is stopping (SIGTERM, a rolling update): from now on the connections it
     * closes keep their tickets. Their clients log in again elsewhere (through the load balancer)
     * and take them over ({@link #resume}) in their place; a ticket whose player does not come
     * back within the owner lease, which this instance no longer renews, is swept as
     * {@code owner_gone}, as after a crash.
     */
    public void handOver() {
        handingOver = true;
    }

    /**
     * On a login: the waiting ticket {@code playerId} leads, now owned by this instance, or empty
     * when the player leads none. A player whose connection (or whole match-server) was lost logs
     * in again, wherever the load balancer sends it, and finds its ticket in its place: taking it
     * over makes this instance answer for it (status pushes, clean-up when this connection
     * closes) and keeps the old owner's lease expiry from sweeping it. A party member who is not
     * the leader has nothing to take over (the leader's instance answers for the ticket).
     */
    public Optional<Joined> resume(String playerId) {
        PlayerDirectory.Entry entry = players.lookup(playerId);
        if (entry == null) {
            return Optional.empty();
        }
        MatchKeys.Queue queue = entry.queue();
        TicketStore.TakeOver result = tickets.takeOver(queue, entry.ticketId(), playerId, config.instanceId(),
                clock.millis() + config.ownerLease().toMillis());
        if (!result.owned()) {
            return Optional.empty();
        }
        if ("moved".equals(result.status())) {
            metrics.ticket(queue.name(), "taken_over");
        }
        return Optional.of(new Joined(queue, entry.ticketId(), result.players(), result.enqueuedMs()));
    }

    /**
     * The player's queue state. When the ticket was matched, the MatchFound is pushed again
     * (with a fresh connect token) in case the first push was missed, for as long as the
     * player's matched pointer is kept ({@link TicketStore#MATCHED_KEEP_MS}), also after the
     * player's queue index entry is gone.
     */
    public ServerMessage.Builder status(String playerId, Pushes pushes) throws ProtocolException {
        PlayerDirectory.Entry entry = players.lookup(playerId);
        if (entry == null) {
            entry = players.matched().lookup(playerId);
        }
        if (entry == null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_NOT_QUEUED, "player " + playerId + " is not queued");
        }
        Map<String, String> ticket = tickets.read(entry.queue(), entry.ticketId());
        String state = ticket.get("state");
        if (state == null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_NOT_QUEUED, "player " + playerId + " is not queued");
        }
        long enqueued = parseLong(ticket.get("enq"), clock.millis());
        return switch (state) {
            case "matched" -> {
                Integer team = Matchmaker.parseSlots(ticket.get("slots")).get(playerId);
                if (team != null) {
                    pushes.push(playerId, matchmaker.matchFound(playerId, ticket.get("match"), team, entry.mode(),
                            entry.region(), new Allocator.Placement("allocated", ticket.get("server"), ticket.get("host"),
                                    (int) parseLong(ticket.get("tcp_port"), 0), (int) parseLong(ticket.get("udp_port"), 0),
                                    ticket.get("slots"))));
                }
                yield update(entry.queue(), QueueState.QUEUE_STATE_MATCHED, 0, enqueued);
            }
            case "claimed" -> update(entry.queue(), QueueState.QUEUE_STATE_SEARCHING, 0, enqueued);
            default -> {
                ServerMessage.Builder reply = update(entry.queue(), "no_server".equals(ticket.get("reason"))
                                ? QueueState.QUEUE_STATE_WAITING_FOR_SERVER : QueueState.QUEUE_STATE_SEARCHING,
                        tickets.position(entry.queue(), entry.ticketId()), enqueued);
                if ("no_server".equals(ticket.get("reason"))) {
                    reply.getQueueUpdateBuilder().setReason(ErrorCode.ERROR_CODE_NO_SERVER_AVAILABLE);
                }
                yield reply;
            }
        };
    }

    /** A QueueUpdate for a ticket of {@code queue} that joined at {@code enqueuedMs}. */
    public ServerMessage.Builder update(MatchKeys.Queue queue, QueueState state, long position, long enqueuedMs) {
        long waited = Math.max(0, clock.millis() - enqueuedMs);
        return ServerMessage.newBuilder().setQueueUpdate(QueueUpdate.newBuilder().setState(state)
                .setPosition((int) Math.min(Integer.MAX_VALUE, position))
                .setQueueSize((int) Math.min(Integer.MAX_VALUE, matchmaker.size(queue)))
                .setWaitedMs(state == QueueState.QUEUE_STATE_SEARCHING || state == QueueState.QUEUE_STATE_WAITING_FOR_SERVER
                        ? waited : 0)
                .setSkillWindow(config.rules(queue.mode()).skillWindow().at(waited))
                .setMode(queue.mode().wire()).setRegion(queue.region()));
    }

    private static long parseLong(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String truncate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
