package io.skirmish.match;

import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.kit.net.guard.TcpGuards;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.match.admission.LoginShedding;
import io.skirmish.match.admission.RequestWorkers;
import io.skirmish.match.auth.DeviceAccounts;
import io.skirmish.match.auth.IdTokenVerifier;
import io.skirmish.match.auth.LoginAuthenticator;
import io.skirmish.match.auth.LoginConfig;
import io.skirmish.match.auth.LoginMode;
import io.skirmish.match.net.KeyedRateLimiter;
import io.skirmish.match.party.PartyService;
import io.skirmish.match.party.PartyStore;
import io.skirmish.match.net.MatchNetContext;
import io.skirmish.match.net.MatchNetServer;
import io.skirmish.match.net.SessionHub;
import io.skirmish.match.queue.Allocator;
import io.skirmish.match.queue.FleetCapacity;
import io.skirmish.match.queue.JoinBatcher;
import io.skirmish.match.queue.StatusSchedule;
import io.skirmish.match.queue.MatchEvents;
import io.skirmish.match.queue.MatchMetrics;
import io.skirmish.match.queue.Matchmaker;
import io.skirmish.match.queue.MatchmakerConfig;
import io.skirmish.match.queue.MatchmakerPorts;
import io.skirmish.match.queue.PlayerDirectory;
import io.skirmish.match.queue.QueueService;
import io.skirmish.match.queue.TicketStore;
import io.skirmish.match.recovery.DeadServerSweeper;
import io.skirmish.match.recovery.LostServers;
import io.skirmish.match.recovery.TicketRequeue;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.SessionTokens;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One match-server instance, wired: client socket, queue service, formation loop, owner-lease
 * renewal, status pushes, notification subscriber, event writer. Threads: Netty I/O, request
 * workers, one formation thread, placement workers, one scheduler for leases and status pushes,
 * the subscriber and the event flusher.
 */
public final class MatchServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MatchServer.class);
    private static final int REQUEST_QUEUE = 10_000;
    /** Most joins written per batch (two pipelined round trips). */
    private static final int JOIN_BATCH = 256;
    /** Addresses and accounts whose login attempts are remembered (least recently used forgotten first). */
    private static final int LOGIN_LIMIT_KEYS = 100_000;
    /**
     * Period of the lost-game-server sweep: with the registry's 3-beat TTL, a dead server's matches
     * are aborted and their players requeued within about TTL + this.
     */
    private static final long LOST_SERVER_SWEEP_MS = 1_000;
    /**
     * After the registry was unreachable, no server is declared lost for this long: more than the
     * registry TTL (3 s) plus one heartbeat (1 s), so every live server has beaten again.
     */
    private static final long REGISTRY_OUTAGE_GRACE_MS = 5_000;
    /** A party untouched this long is forgotten (its members' next party request says so). */
    private static final java.time.Duration PARTY_TTL = java.time.Duration.ofHours(24);

    private final MatchServerConfig config;
    private final MatchMetrics metrics;
    private final SessionHub hub;
    private final MatchEvents events;
    private final Matchmaker matchmaker;
    private final DeadServerSweeper sweeper;
    private final QueueService queue;
    private final JoinBatcher joins;
    private final RequestWorkers workers;
    private final ExecutorService placement;
    /** Runs the matchmaker's duty cycle on one thread; a round is due at most every millisecond it polls. */
    private final AgentRunner formation;
    private final ScheduledExecutorService housekeeping;
    private final MatchNetServer net;
    private final TicketStore tickets;
    private volatile boolean stopped;

    public MatchServer(MatchServerConfig config, UnifiedJedis redis, MeterRegistry registry, InstantSource clock)
            throws InterruptedException {
        this.config = config;
        MatchmakerConfig mm = config.matchmaker();
        this.metrics = new MatchMetrics(registry);
        SecureRandom random = new SecureRandom();
        this.tickets = new TicketStore(redis);
        long fateTtlMs = Math.max(600_000, mm.claimTimeout().toMillis() * 20);
        Allocator allocator = new Allocator(redis, config.reserveWindow().toMillis(), fateTtlMs);
        PlayerDirectory players = new PlayerDirectory(redis);
        LostServers lostServers = new LostServers(redis, fateTtlMs);
        TicketRequeue requeue = new TicketRequeue(redis, players, mm.ticketTtl().toMillis(),
                mm.ticketTtl().toMillis() + 60_000);
        tickets.loadScripts();
        allocator.loadScripts();
        lostServers.loadScripts();
        requeue.loadScripts();
        ConnectTokenIssuer issuer = new ConnectTokenIssuer(config.connectKeys(), clock, mm.connectTokenTtl(), random);
        SessionTokens sessions = new SessionTokens(config.sessionKeys(), clock, config.sessionTtl(), random);
        LoginConfig login = config.login();
        LoginAuthenticator logins = new LoginAuthenticator(login.modes(),
                login.modes().contains(LoginMode.DEVICE) ? new DeviceAccounts(redis, random, clock) : null,
                login.modes().contains(LoginMode.TOKEN) ? new IdTokenVerifier(login.idToken(), clock) : null,
                new KeyedRateLimiter(login.perAccount(), LOGIN_LIMIT_KEYS), System::nanoTime);
        this.hub = new SessionHub(redis, mm.instanceId(), metrics, System::nanoTime);
        PartyStore partyStore = new PartyStore(redis, random, PARTY_TTL);
        partyStore.loadScripts();
        PartyService parties = new PartyService(partyStore, hub, clock, config.partyInviteTtl());
        if (!hub.awaitSubscribed(10, TimeUnit.SECONDS)) {
            hub.close();
            throw new IllegalStateException("could not subscribe to Redis notifications within 10 s");
        }
        this.events = new MatchEvents(redis, metrics.eventsDropped());
        this.sweeper = new DeadServerSweeper(redis, lostServers, requeue, hub, events, clock, SystemNanoClock.INSTANCE,
                mm.claimTimeout().toMillis(), REGISTRY_OUTAGE_GRACE_MS, registry);
        this.placement = Executors.newFixedThreadPool(mm.placementThreads(), named("match-place"));
        this.matchmaker = new Matchmaker(mm, new MatchmakerPorts(tickets, allocator, players, hub, events), issuer, metrics,
                clock::millis, SystemNanoClock.INSTANCE, placement);
        this.queue = new QueueService(mm, tickets, players, matchmaker, events, metrics, clock);
        this.joins = new JoinBatcher(queue::joinAll, config.joinThreads(), JOIN_BATCH, REQUEST_QUEUE,
                config.admission().maxQueueWait(), config.admission().joinLinger(), SystemNanoClock.INSTANCE::nanoTime);
        this.workers = new RequestWorkers(config.workerThreads(), REQUEST_QUEUE, config.admission().maxQueueWait(),
                SystemNanoClock.INSTANCE::nanoTime, named("match-worker"));
        metrics.queueDelay("workers", workers::oldestWaitNs);
        metrics.queueDelay("joins", joins::oldestWaitNs);
        matchmaker.renewOwnerLeases();
        MatchNetContext context = new MatchNetContext(sessions, logins,
                new KeyedRateLimiter(login.perAddress(), LOGIN_LIMIT_KEYS), parties, login.dev(), queue, joins, hub, workers, metrics,
                RateLimitedLog.perMinute(LOG), clock, config.maxPlayersPerConnection(), config.requestLimit(),
                config.minClientVersion(), new KeyedRateLimiter(config.joinLimit(), LOGIN_LIMIT_KEYS), config.maxInFlight(),
                SystemNanoClock.INSTANCE::nanoTime, new LoginShedding(config.admission().shedLoginsAbove()));
        TcpGuards guards = new TcpGuards(config.clientTransport(), registry, "match.net",
                LoggerFactory.getLogger(MatchNetServer.class));
        this.net = MatchNetServer.bind(config.bindHost(), config.clientPort(), config.tcpThreads(), guards, context);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(named("match-housekeeping"));
        long leaseRenewMs = Math.max(50, mm.ownerLease().toMillis() / 3);
        housekeeping.scheduleWithFixedDelay(() -> guard("owner lease", matchmaker::renewOwnerLeases), leaseRenewMs,
                leaseRenewMs, TimeUnit.MILLISECONDS);
        StatusSchedule statusSchedule = new StatusSchedule(config.statusInterval().toMillis());
        housekeeping.scheduleWithFixedDelay(() -> guard("status push", () -> hub.pushStatus(queue, statusSchedule,
                        clock.millis())),
                config.statusInterval().toMillis(), config.statusInterval().toMillis(), TimeUnit.MILLISECONDS);
        FleetCapacity fleet = new FleetCapacity(redis, clock, mm.regions(), registry);
        housekeeping.scheduleWithFixedDelay(() -> guard("fleet capacity", fleet::sample), 0, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(() -> guard("lost server sweep", sweeper::sweep), LOST_SERVER_SWEEP_MS,
                LOST_SERVER_SWEEP_MS, TimeUnit.MILLISECONDS);
        this.formation = new AgentRunner(new SleepingMillisIdleStrategy(1),
                error -> LOG.warn("formation failed error={}", error.toString()), null, matchmaker);
        AgentRunner.startOnThread(formation, named("match-formation"));
        LOG.info("match server started instance={} port={} regions={}", mm.instanceId(), net.port(), mm.regions());
    }

    private static void guard(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed error={}", what, e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public int port() {
        return net.port();
    }

    public MatchMetrics metrics() {
        return metrics;
    }

    public TicketStore tickets() {
        return tickets;
    }

    public Matchmaker matchmaker() {
        return matchmaker;
    }

    public String instanceId() {
        return config.matchmaker().instanceId();
    }

    /** Ready unless stopping. */
    public String notReadyReason() {
        return stopped ? "stopping" : null;
    }

    /**
     * Stops as a crash would, for tests: no lease is released and no ticket is cancelled; the
     * connections just drop. Other instances must carry on from Redis alone.
     */
    public void kill() {
        stopped = true;
        hub.handOver(); // a crash leaves the players' presence entries: their next logins take their tickets over
        placement.shutdownNow(); // first: a round in progress fails fast instead of finishing
        formation.close();
        housekeeping.shutdownNow();
        workers.shutdownNow();
        net.close();
        joins.close();
        hub.close();
        events.close();
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        formation.close(); // waits for a round in progress to end
        queue.handOver(); // the players' next logins, on the other instances, take their tickets over
        hub.handOver(); // ... which they know to do from the presence entries this instance leaves
        net.close();
        joins.close();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        housekeeping.shutdownNow();
        placement.shutdownNow();
        matchmaker.releaseLeases();
        hub.close();
        events.close();
        LOG.info("match server stopped instance={}", instanceId());
    }
}
