package io.skirmish.game;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.game.events.MatchEventPublisher;
import io.skirmish.game.events.RedisStreamWriter;
import io.skirmish.game.events.SessionChannels;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.net.GameNetContext;
import io.skirmish.game.net.GameNetServer;
import io.skirmish.game.net.SilenceWatch;
import io.skirmish.kit.net.guard.TcpGuards;
import io.skirmish.game.net.MatchSessions;
import io.skirmish.game.net.NetMetrics;
import io.skirmish.game.net.SessionDirectory;
import io.skirmish.game.net.SnapshotSender;
import io.skirmish.game.registry.AllocationPoller;
import io.skirmish.game.registry.HostedMatches;
import io.skirmish.game.registry.Incarnation;
import io.skirmish.game.registry.RegistryHeartbeat;
import io.skirmish.game.registry.ServerIdentity;
import io.skirmish.game.registry.ServerLoad;
import io.skirmish.game.registry.ServerState;
import io.skirmish.game.tick.MatchHandle;
import io.skirmish.game.tick.TickIdleStrategy;
import io.skirmish.game.tick.TickLane;
import io.skirmish.game.tick.TickMetrics;
import io.skirmish.kit.log.LogFields;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.kit.net.DatagramOut;
import io.skirmish.protocol.token.ConnectTokenVerifier;
import io.skirmish.protocol.token.TokenReplayGuard;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * A running game server: tick lanes on their agent threads, the network, the event publisher,
 * the allocation poller and the registry heartbeat, wired together. {@link #drain()} is what
 * SIGTERM does: advertise {@code draining}, take no new matches, let running ones finish (up to
 * the drain timeout, then end them), publish their results, deregister.
 */
public final class GameServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GameServer.class);
    /**
     * A tick agent sleeps until its next phase is due and does not wake early to spin: with 16
     * phases it wakes 480 times a second, and spinning 150 us each time would cost 7 % of a
     * core; a wake-up late by the timer slack (about 50 us) is small against the 5 ms the latency
     * goal allows beyond a tick.
     */
    private static final long TICK_WAKE_EARLY_NS = 0;
    /**
     * Between ticks a tick agent wakes at most this often, to adopt new matches and drain its
     * inbound ring well before it could fill (8 MiB holds about 130,000 inputs). Inputs only
     * count at the next tick, so draining them sooner gains nothing; waking every millisecond
     * cost a context switch per millisecond per lane on the core the UDP and sender threads share.
     */
    private static final long TICK_MAX_PARK_NS = 10_000_000;
    private static final double ALLOCATION_BLOCK_SECONDS = 0.5;
    /**
     * A snapshot sender parks at most this long when idle: the tick that publishes snapshots
     * unparks it at once (a permit, so no wake-up is lost), so the timeout only bounds a wake-up
     * missed while the thread starts. Short timeouts would cost thousands of idle wake-ups a second.
     */
    private static final long SENDER_MAX_PARK_NS = 50_000_000;
    /** A tick's snapshots not sent within this many tick periods are dropped: newer ones are queued. */
    private static final int SNAPSHOT_STALE_TICKS = 2;
    /** How often silent UDP connections are looked for: a tenth of the default 3 s silence, or so. */
    private static final long SILENCE_SWEEP_MS = 250;

    private final GameServerConfig config;
    private final SystemNanoClock nanoClock = SystemNanoClock.INSTANCE;
    private final List<TickLane> lanes = new ArrayList<>();
    private final List<AgentRunner> runners = new ArrayList<>();
    /** Snapshot senders: closed before the sockets they write to. */
    private final List<AgentRunner> senderRunners = new ArrayList<>();
    private final SessionDirectory directory = new SessionDirectory();
    private final TickMetrics tickMetrics;
    private final MatchEventPublisher publisher;
    private final GameNetServer net;
    private final RegistryHeartbeat heartbeat;
    private final HostedMatches hosted;
    private final AllocationPoller poller;
    private final Thread pollerThread;
    private final ScheduledExecutorService scheduler;
    private volatile boolean acceptingMatches = true;
    private volatile boolean running = true;

    public GameServer(GameServerConfig config, UnifiedJedis redis, MeterRegistry registry) throws InterruptedException {
        this.config = config;
        InstantSource wallClock = InstantSource.system();
        SystemNanoClock clock = nanoClock;
        List<SnapshotSender> senders = new ArrayList<>();
        for (int id = 0; id < config.tickAgents(); id++) {
            int laneId = id;
            lanes.add(new TickLane(id, config.tick(), config.rules(), clock, () -> senders.get(laneId).wake()));
        }
        NetMetrics netMetrics = new NetMetrics(registry);
        GameNetContext context = new GameNetContext(
                new ConnectTokenVerifier(config.connectKeys(), wallClock, config.serverId()),
                new TokenReplayGuard(Math.max(1_024, config.capacityPlayers() * 4), wallClock),
                directory, netMetrics, config.rules(), config.tick().tickRateHz(), wallClock, clock, new SecureRandom(),
                RateLimitedLog.perMinute(LoggerFactory.getLogger("io.skirmish.game.net.BadInput")));
        TcpGuards guards = new TcpGuards(config.clientTransport(), registry, "game.net", LoggerFactory.getLogger(GameNetServer.class));
        this.net = GameNetServer.bind(config.bindHost(), config.tcpPort(), config.udpPort(), config.tcpThreads(),
                config.udpThreads(), guards, context);
        for (TickLane lane : lanes) {
            // One sender thread per lane, so each connection's sealer has one thread; any socket of the
            // port will do as the source, spread them.
            List<io.netty.channel.Channel> udp = net.udpChannels();
            SnapshotSender sender = new SnapshotSender("snapshot-sender-" + lane.id(), clock,
                    SNAPSHOT_STALE_TICKS * lane.agent().schedule().intervalNs(), config.udpSilence().toNanos(),
                    lane.snapshots(),
                    DatagramOut.of(udp.get(lane.id() % udp.size())), directory, netMetrics, lane.residence());
            senders.add(sender);
            senderRunners.add(new AgentRunner(new SleepingIdleStrategy(SENDER_MAX_PARK_NS), this::onAgentError, null,
                    sender));
        }
        this.tickMetrics = new TickMetrics(lanes, config.tick().tickRateHz()).bindTo(registry);
        Gauge.builder("game.players.connected", directory, SessionDirectory::connectedPlayers).register(registry);
        bindAllocatedBytes(registry);
        ServerIdentity identity = new ServerIdentity(config.serverId(), config.publicHost(), net.tcpPort(),
                net.udpPort(), config.region(), config.capacityPlayers(), Incarnation.next());
        this.hosted = new HostedMatches(redis, identity);
        this.publisher = new MatchEventPublisher(lanes, new SessionChannels(directory), new RedisStreamWriter(redis),
                config.serverId(), config.tick().tickRateHz(), config.rules(), wallClock::millis, clock, registry,
                matchId -> hosted.ended(List.of(matchId)));
        for (TickLane lane : lanes) {
            TickIdleStrategy idle = new TickIdleStrategy(lane.agent().schedule(), clock, TICK_WAKE_EARLY_NS,
                    TICK_MAX_PARK_NS);
            runners.add(new AgentRunner(idle, this::onAgentError, null, lane.agent()));
        }
        runners.add(new AgentRunner(new SleepingMillisIdleStrategy(2), this::onAgentError, null, publisher));
        senderRunners.forEach(runner -> AgentRunner.startOnThread(runner));
        runners.forEach(runner -> AgentRunner.startOnThread(runner));
        this.heartbeat = new RegistryHeartbeat(redis, identity, config.heartbeat().toMillis(), wallClock, this::load);
        this.poller = new AllocationPoller(redis, config.serverId(), identity.incarnation(), ALLOCATION_BLOCK_SECONDS,
                this::host, hosted::refused);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "game-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(tickMetrics::sample, 1, 1, TimeUnit.SECONDS);
        SilenceWatch silence = new SilenceWatch(directory, clock, config.udpSilence().toNanos(), netMetrics,
                RateLimitedLog.perMinute(LoggerFactory.getLogger(SilenceWatch.class)));
        scheduler.scheduleAtFixedRate(silence, SILENCE_SWEEP_MS, SILENCE_SWEEP_MS, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::beat, 0, config.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        this.pollerThread = new Thread(this::pollAllocations, "game-allocations");
        pollerThread.setDaemon(true);
        pollerThread.start();
        LOG.info("game server started serverId={} incarnation={} region={} tcpPort={} udpPort={} tickRateHz={} tickAgents={}",
                config.serverId(), identity.incarnation(), config.region(), net.tcpPort(), net.udpPort(),
                config.tick().tickRateHz(), config.tickAgents());
    }

    /**
     * Heap bytes allocated by every thread since start ({@code jvm_memory_allocated_bytes_total}):
     * unlike {@code jvm.gc.memory.allocated}, which moves only at each GC, its rate is exact over
     * any window, which is what the load benchmark reports.
     */
    private static void bindAllocatedBytes(MeterRegistry registry) {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            FunctionCounter.builder("jvm.memory.allocated", threads,
                            com.sun.management.ThreadMXBean::getTotalThreadAllocatedBytes)
                    .baseUnit("bytes").description("heap bytes allocated by all threads since start")
                    .register(registry);
        }
    }

    private void onAgentError(Throwable error) {
        LOG.error("agent error: {}", error.toString(), error);
    }

    private void beat() {
        try {
            heartbeat.beat();
            hosted.flush();
        } catch (RuntimeException e) {
            LOG.warn("registry heartbeat failed: {}", e.toString());
        }
    }

    private long pendingAllocations() {
        try {
            return poller.waiting();
        } catch (RuntimeException e) {
            return 0; // Redis away: nothing more can be taken from it anyway
        }
    }

    private void pollAllocations() {
        while (running) {
            try {
                if (acceptingMatches) {
                    poller.pollOnce();
                } else {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("allocation poll failed: {}", e.toString());
                    sleepQuietly(500);
                }
            }
        }
    }

    /**
     * Hosts an allocated match on the least busy lane; false when every lane is full or the server
     * drains (an allocation of a match it already hosts is taken as hosted: nothing to hand back).
     */
    boolean host(MatchSpec spec) {
        if (directory.match(spec.matchId()) != null) {
            return true;
        }
        if (!acceptingMatches) {
            return false;
        }
        TickLane lane = lanes.stream().min(Comparator.comparingInt(l -> l.table().active())).orElseThrow();
        MatchHandle handle = lane.host(spec);
        if (handle == null) {
            return false;
        }
        directory.addMatch(new MatchSessions(handle));
        try (var matchField = LogFields.match(spec.matchId())) {
            LOG.info("match hosted matchId={} mode={} lane={}", spec.matchId(), spec.mode().wireName(), lane.id());
        }
        return true;
    }

    private ServerLoad load() {
        int players = 0;
        for (MatchSessions sessions : directory.matches()) {
            players += sessions.handle().spec().players();
        }
        return new ServerLoad(players, directory.matchCount(), tickMetrics.headroom());
    }

    public int tcpPort() {
        return net.tcpPort();
    }

    public int udpPort() {
        return net.udpPort();
    }

    public String serverId() {
        return config.serverId();
    }

    public SessionDirectory directory() {
        return directory;
    }

    public TickMetrics tickMetrics() {
        return tickMetrics;
    }

    public List<TickLane> lanes() {
        return lanes;
    }

    public boolean draining() {
        return !acceptingMatches;
    }

    /**
     * Stops taking matches, lets the running ones finish within the drain timeout (then ends
     * them), and waits until their results are published. Returns true when every match ended
     * on its own.
     */
    public boolean drain() {
        heartbeat.state(ServerState.DRAINING);
        beat();
        // The allocation script reads a server's state and pushes onto its list in one step, so once
        // this beat is in, the list holds every allocation this server will get: host those too,
        // their players were told to come here (else they would wait for the lost-server sweep).
        waitUntil(() -> pendingAllocations() == 0, TimeUnit.SECONDS.toNanos(2), 20);
        acceptingMatches = false;
        LOG.info("draining serverId={} matches={}", config.serverId(), directory.matchCount());
        waitUntil(() -> directory.matchCount() == 0, config.drainTimeout().toNanos(), 50);
        boolean clean = directory.matchCount() == 0;
        if (!clean) {
            LOG.warn("drain timeout: ending {} matches", directory.matchCount());
            lanes.forEach(lane -> lane.agent().requestAbort());
            waitUntil(() -> directory.matchCount() == 0, TimeUnit.SECONDS.toNanos(5), 20);
        }
        waitUntil(publisher::idle, TimeUnit.SECONDS.toNanos(5), 20);
        LOG.info("drained serverId={} clean={}", config.serverId(), clean);
        return clean;
    }

    /** Polls {@code done} every {@code pollMs} until it holds or {@code timeoutNs} have passed. */
    private void waitUntil(BooleanSupplier done, long timeoutNs, long pollMs) {
        long deadlineNs = nanoClock.nanoTime() + timeoutNs;
        while (!done.getAsBoolean() && nanoClock.nanoTime() < deadlineNs) {
            sleepQuietly(pollMs);
        }
    }

    @Override
    public void close() {
        running = false;
        acceptingMatches = false;
        scheduler.shutdownNow();
        pollerThread.interrupt();
        try {
            heartbeat.deregister();
        } catch (RuntimeException e) {
            LOG.warn("deregister failed: {}", e.toString());
        }
        // Senders write to the UDP sockets' descriptors directly: stop them before the sockets close.
        senderRunners.forEach(AgentRunner::close);
        net.close();
        runners.forEach(AgentRunner::close);
        try {
            pollerThread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
