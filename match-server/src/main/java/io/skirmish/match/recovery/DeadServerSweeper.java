package io.skirmish.match.recovery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.match.queue.MatchEvents;
import io.skirmish.match.queue.Pushes;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The match-server stage that recovers matches of lost game servers. Each {@link #sweep} claims
 * the aborts it may do ({@link LostServers}, atomic across match-server instances) and, per match:
 * <ol>
 *   <li>records it aborted: one {@code MatchResult} with {@code END_REASON_ABORTED} on
 *       {@code skirmish:results} (ranking skips it) and a {@code match_aborted} event;</li>
 *   <li>puts its tickets back into their queues, parties whole, ahead of newer tickets
 *       ({@link TicketRequeue});</li>
 *   <li>tells every player ({@code MatchAborted} with the reason and whether it is requeued),
 *       wherever its connection is, a player still trying to reconnect to the lost server
 *       included;</li>
 *   <li>marks the abort settled.</li>
 * </ol>
 * A failure part-way leaves the abort unsettled; after the claim timeout any instance claims it
 * again and repeats the steps, each of which is idempotent (same result id, same event id,
 * requeue only of tickets still matched by this match).
 *
 * <p>Called by one thread (the match-server's housekeeping scheduler); both clocks are injected
 * (the epoch clock drives the claim deadlines, the nano clock times the registry probe).
 */
public final class DeadServerSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(DeadServerSweeper.class);
    public static final String REASON = "server_lost";
    /** Most aborts handled per sweep: bounds one sweep's Redis work; the rest follow next sweep. */
    static final int SWEEP_LIMIT = 64;
    /** A registry probe slower than one sweep period means the client retried through an outage. */
    static final long SLOW_PROBE_NS = 1_000_000_000L;

    private final UnifiedJedis redis;
    private final LostServers lost;
    private final TicketRequeue requeue;
    private final Pushes pushes;
    private final MatchEvents events;
    private final InstantSource clock;
    private final long claimTimeoutMs;
    private final OutageGrace outageGrace;
    private final NanoClock nanoClock;
    private final MeterRegistry registry;
    private final Counter requeuedPlayers;
    private final Counter notRequeuedPlayers;

    /**
     * @param outageGraceMs after the registry was unreachable, how long before a server may be
     *                      declared lost again (see {@link OutageGrace}): more than the registry
     *                      TTL plus one heartbeat
     */
    public DeadServerSweeper(UnifiedJedis redis, LostServers lost, TicketRequeue requeue, Pushes pushes,
                             MatchEvents events, InstantSource clock, NanoClock nanoClock, long claimTimeoutMs,
                             long outageGraceMs, MeterRegistry registry) {
        this.outageGrace = new OutageGrace(outageGraceMs, SLOW_PROBE_NS);
        this.nanoClock = nanoClock;
        this.redis = redis;
        this.lost = lost;
        this.requeue = requeue;
        this.pushes = pushes;
        this.events = events;
        this.clock = clock;
        this.claimTimeoutMs = claimTimeoutMs;
        this.registry = registry;
        aborted(REASON); // registered from the start, so a dashboard sees 0 rather than nothing
        this.requeuedPlayers = Counter.builder("match.aborted.players").tag("outcome", "requeued")
                .description("players of aborted matches, by what became of their ticket").register(registry);
        this.notRequeuedPlayers = Counter.builder("match.aborted.players").tag("outcome", "not_requeued")
                .description("players of aborted matches, by what became of their ticket").register(registry);
    }

    /**
     * One sweep; returns the matches whose abort it settled. Within the {@link OutageGrace} after a
     * failed sweep it only checks that the registry answers (servers are still beating again).
     */
    public int sweep() {
        List<LostMatch> claimed;
        long now;
        try {
            long probeStartNs = nanoClock.nanoTime();
            // The probe reads the clock of the node that runs the claim, which refuses to run later
            // than it should (LostServers.MAX_LATE_MS): a claim held up by a partition must not judge
            // the registry the partition emptied.
            long redisNowMs = lost.redisTimeMs();
            now = clock.millis();
            outageGrace.probed(now, nanoClock.nanoTime() - probeStartNs);
            if (!outageGrace.verdictsAllowed(now)) {
                return 0;
            }
            claimed = lost.claim(redisNowMs, redisNowMs + claimTimeoutMs, SWEEP_LIMIT, REASON);
        } catch (RuntimeException e) {
            outageGrace.failed(clock.millis());
            throw e;
        }
        int settled = 0;
        for (LostMatch match : claimed) {
            try {
                abort(match, now);
                settled++;
            } catch (RuntimeException e) {
                LOG.warn("abort unfinished, retried after {} ms matchId={} error={}", claimTimeoutMs, match.matchId(),
                        e.toString());
            }
        }
        return settled;
    }

    /** Matches aborted, by reason: their server lost, or the server gave the match back unhosted. */
    private Counter aborted(String reason) {
        return Counter.builder("match.aborted").tag("reason", reason)
                .description("matches aborted because their game server was lost").register(registry);
    }

    private void abort(LostMatch match, long now) {
        AbortedMatchRecord record = new AbortedMatchRecord(match);
        redis.xadd(EventStreams.bytes(EventStreams.RESULTS), XAddParams.xAddParams(),
                EventStreams.resultFields(match.matchId(), record.result(now).toByteArray()));
        Set<String> back = requeue.requeue(match, now);
        List<Pushes.Push> told = new ArrayList<>();
        for (String player : record.players()) {
            told.add(new Pushes.Push(player, record.notice(back.contains(player))));
        }
        pushes.pushAll(told);
        events.offer(record.event(now, back.size()));
        lost.settled(match.matchId());
        aborted(match.reason()).increment();
        requeuedPlayers.increment(back.size());
        notRequeuedPlayers.increment(record.players().size() - back.size());
        LOG.info("match aborted matchId={} serverId={} reason={} players={} requeued={}", match.matchId(),
                match.serverId(), match.reason(), record.players().size(), back.size());
    }
}
