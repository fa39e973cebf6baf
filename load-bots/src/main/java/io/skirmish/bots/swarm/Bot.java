package io.skirmish.bots.swarm;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.skirmish.client.EntityState;
import io.skirmish.client.GameRefused;
import io.skirmish.client.GameSession;
import io.skirmish.bots.play.BotInput;
import io.skirmish.bots.play.Steering;
import io.skirmish.protocol.common.v1.Bounds;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.game.v1.EndReason;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerInfo;
import io.skirmish.protocol.game.v1.Snapshot;
import io.skirmish.protocol.match.v1.MatchFound;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.Rating;
import io.skirmish.protocol.ranking.v1.ServerMessage;

/**
 * One simulated player in a match: connects to the game server with the connect token of its
 * {@code MatchFound}, sends an input every tick as its {@link Behaviour} dictates, measures the
 * input-to-snapshot round trip, and when the match ends reads its new rating from the
 * ranking-server. Logging in and queueing are its {@link Crew}'s job.
 *
 * <p>Threads: everything runs on the bot's event loop (its game channels live there too), so the
 * fields need no locks; futures completed elsewhere hop back with {@code *Async(..., loop)}.
 */
final class Bot implements TickDriver.Ticking {

    /** Inputs remembered for the round-trip measurement; far more than are ever unacknowledged. */
    private static final int SENT_RING = 256;
    /** Connects refused for a moment (see {@link #isWorthRetrying}) are retried this often. */
    private static final int MAX_CONNECT_ATTEMPTS = 50;
    /** Resumes tried per match after the game connection dropped by itself, before giving the match up. */
    private static final int MAX_RESUMES_AFTER_DROP = 3;
    private static final long CONNECT_RETRY_MS = 100;
    private static final long RANK_POLL_MS = 250;
    private static final double AIM_JITTER_RADIANS = 0.08;
    private static final int FLOOD_INPUTS = 12;

    final String playerId;
    final Behaviour behaviour;
    private final EventLoop loop;
    private final SwarmContext context;
    private final Random random;
    private final long[] sentAtNs = new long[SENT_RING];
    private final long[] sentSequence = new long[SENT_RING];

    /** Written on the bot's loop, read by the reporting thread for the counts by state. */
    volatile BotState state = BotState.STARTING;
    private MatchFound found;
    private GameSession session;
    private Steering steering;
    private final Map<Integer, Integer> teamOfEntity = new HashMap<>();
    private int myTeam;
    private long newestAcknowledged;
    private int ticksPlayed;
    private int reconnectAtTick = -1;
    private boolean reconnecting;
    private int resumesLeft;
    /** Empty for a match's first Connect; after a deliberate drop, the dropped session's resume secret. */
    private byte[] resumeSecret = new byte[0];
    /** Inputs are sent once the match started: before, the server holds them, and the wait is not a round trip. */
    private boolean started;
    private Rating ratingBefore;
    private CompletableFuture<Void> cycle;
    /** The last match ended with the game connection failing (its server may be lost). */
    private boolean lostServer;

    Bot(String playerId, Behaviour behaviour, EventLoop loop, SwarmContext context, long seed) {
        this.playerId = playerId;
        this.behaviour = behaviour;
        this.loop = loop;
        this.context = context;
        this.random = new Random(seed);
    }

    /** Before queueing: remembers the current rating, to see it change after the match. */
    CompletableFuture<Void> readRatingBefore(BoardRef board) {
        return context.ranking(loop).thenCompose(ranking -> ranking.rank(board, playerId))
                .handleAsync((reply, failure) -> {
                    ratingBefore = failure == null ? ratingOf(reply) : null;
                    return null;
                }, loop);
    }

    /**
     * Plays the match {@code matchFound} announces; the future completes once the bot has read
     * its rank afterwards (or gave up with a counted error). Call on the bot's loop.
     */
    CompletableFuture<Void> play(MatchFound matchFound) {
        found = matchFound;
        resumeSecret = new byte[0];
        lostServer = false;
        resumesLeft = MAX_RESUMES_AFTER_DROP;
        CompletableFuture<Void> thisPlay = new CompletableFuture<>();
        cycle = thisPlay;
        state = BotState.CONNECTING;
        connect(1).whenCompleteAsync((connected, failure) -> {
            if (abandonedMeanwhile(thisPlay, connected)) {
                return;
            }
            if (failure != null) {
                context.stats().error("game_connect", failure);
                // No reason given (connection refused, reset, or closed without an error, as a
                // proxy in front of a dead server does): the server may be lost. The crew then
                // waits for the match-server's MatchAborted, which puts the ticket back in its
                // place, instead of queueing anew at the back (and being matched onto the dead
                // server again until its registry entry expires). A server that refused with a
                // reason is alive.
                lostServer = GameRefused.codeOf(failure) == ErrorCode.ERROR_CODE_UNSPECIFIED;
                finish();
                return;
            }
            onConnected(connected);
            connected.matchEnd().whenCompleteAsync((result, ended) -> onMatchEnd(result, ended), loop);
        }, loop);
        return cycle;
    }

    /**
     * True when {@code play} was abandoned while a connect was under way (its match was aborted
     * and its ticket requeued: the bot waits in the queue again); the late connection, if any,
     * is closed, and the caller must leave the bot's state alone, or a bot set back to READY
     * would ignore its next {@code MatchFound} and wait for it until the queue timeout.
     */
    private static boolean abandonedMeanwhile(CompletableFuture<Void> play, GameSession connected) {
        if (!play.isDone()) {
            return false;
        }
        if (connected != null) {
            connected.close();
        }
        return true;
    }

    private CompletableFuture<GameSession> connect(int attempt) {
        CompletableFuture<GameSession> done = new CompletableFuture<>();
        GameSession.connect(loop, context.transport(), context.tls(), found.getHost(), found.getTcpPort(),
                found.getUdpPort(), found.getConnectToken().toByteArray(), resumeSecret).whenCompleteAsync((connected, failure) -> {
                    if (failure == null) {
                        done.complete(connected);
                    } else if (attempt < MAX_CONNECT_ATTEMPTS && isWorthRetrying(failure)) {
                        loop.schedule(() -> connect(attempt + 1).whenComplete((s, f) -> {
                            if (f == null) {
                                done.complete(s);
                            } else {
                                done.completeExceptionally(f);
                            }
                        }), CONNECT_RETRY_MS, TimeUnit.MILLISECONDS);
                    } else {
                        done.completeExceptionally(failure);
                    }
                }, loop);
        return done;
    }

    /**
     * MATCH_NOT_FOUND: allocated but not hosted yet. ALREADY_CONNECTED: a reconnect reached the
     * server before it processed the close of the connection this bot dropped. Either way the
     * token is still good and the server asks the client to come back shortly.
     */
    private static boolean isWorthRetrying(Throwable failure) {
        ErrorCode code = GameRefused.codeOf(failure);
        return code == ErrorCode.ERROR_CODE_MATCH_NOT_FOUND || code == ErrorCode.ERROR_CODE_ALREADY_CONNECTED;
    }

    private void onConnected(GameSession connected) {
        session = connected;
        if (!reconnecting) {
            teamOfEntity.clear();
            for (PlayerInfo player : connected.welcome().getMatch().getPlayersList()) {
                teamOfEntity.put(player.getEntityId(), player.getTeam());
            }
            myTeam = connected.welcome().getTeam();
            Bounds bounds = connected.welcome().getMapBounds();
            steering = new Steering(bounds.getMax().getXCm() - bounds.getMin().getXCm(), AIM_JITTER_RADIANS);
            ticksPlayed = 0;
            newestAcknowledged = 0;
            started = false;
            reconnectAtTick = behaviour == Behaviour.RECONNECTER
                    ? context.tickRateHz() * (2 + random.nextInt(6)) : -1;
        }
        reconnecting = false;
        // A new connection numbers its inputs from 1 again: forget the old connection's, so an
        // acknowledgement can only ever be matched with an input of this connection.
        newestAcknowledged = 0;
        Arrays.fill(sentSequence, 0);
        connected.onSnapshot(this::onSnapshot);
        state = BotState.PLAYING;
        context.driver(loop).add(this);
    }

    /** Called by the loop's {@link TickDriver} once per tick while playing. */
    @Override
    public void tick(long nowNs) {
        if (state != BotState.PLAYING || session == null || reconnecting) {
            return;
        }
        boolean sawStart = drainEvents();
        if (!started) {
            started = sawStart || session.welcome().getReconnected();
            if (!started) {
                return;
            }
        }
        ticksPlayed++;
        if (ticksPlayed == reconnectAtTick) {
            dropAndReconnect();
            return;
        }
        BotInput input = behaviour == Behaviour.IDLER ? BotInput.IDLE : decide();
        send(input, nowNs);
        if (behaviour == Behaviour.MISBEHAVING) {
            misbehave(input, nowNs);
        }
    }

    /** Drains the TCP events (a real client would show them); true if the match start was among them. */
    private boolean drainEvents() {
        boolean sawStart = false;
        for (io.skirmish.protocol.game.v1.ServerMessage message; (message = session.messages().poll()) != null; ) {
            if (message.hasEvent() && message.getEvent().hasMatchStarted()) {
                sawStart = true;
            }
        }
        return sawStart;
    }

    private BotInput decide() {
        Map<Integer, EntityState> visible = session.entities();
        return steering.decide(visible.get(session.entityId()), visible.values(),
                entity -> teamOfEntity.getOrDefault(entity, 0), myTeam, random.nextDouble(), random.nextBoolean());
    }

    private void send(BotInput input, long nowNs) {
        long sequence = session.sendInput(input.moveX(), input.moveY(), input.aimRadians(), input.fire());
        int slot = (int) (sequence % SENT_RING);
        sentAtNs[slot] = nowNs;
        sentSequence[slot] = sequence;
        context.stats().inputsSent.increment();
    }

    /** A flood of extra inputs now and then, and a bad datagram now and then: the server must shrug both off. */
    private void misbehave(BotInput input, long nowNs) {
        int roll = random.nextInt(20);
        if (roll == 0) {
            for (int i = 0; i < FLOOD_INPUTS; i++) {
                session.sendInput(input.moveX(), input.moveY(), input.aimRadians(), input.fire());
            }
            context.stats().floodInputsSent.add(FLOOD_INPUTS);
        } else if (roll == 1) {
            session.sendRawDatagram(BadDatagrams.next(random, session.welcome().getConnectionId()));
            context.stats().badPacketsSent.increment();
        }
    }

    private void onSnapshot(Snapshot snapshot) {
        context.stats().snapshotsReceived.increment();
        long acknowledged = snapshot.getLastProcessedInputSequence();
        if (acknowledged > newestAcknowledged) {
            newestAcknowledged = acknowledged;
            int slot = (int) (acknowledged % SENT_RING);
            if (sentSequence[slot] == acknowledged) {
                context.stats().recordRtt(context.nanoClock().nanoTime() - sentAtNs[slot]);
            }
        }
    }

    private void dropAndReconnect() {
        reconnecting = true;
        GameSession dropped = session;
        resumeSecret = dropped.resumeSecret();
        dropped.matchEnd().exceptionally(ignored -> null);
        dropped.close();
        CompletableFuture<Void> thisPlay = cycle;
        loop.schedule(() -> connect(1).whenCompleteAsync((back, failure) -> {
            if (abandonedMeanwhile(thisPlay, back)) {
                return;
            }
            if (failure != null) {
                onReconnectFailed(failure);
                return;
            }
            context.stats().reconnects.increment();
            onConnected(back);
            back.matchEnd().whenCompleteAsync((result, ended) -> onMatchEnd(result, ended), loop);
        }, loop), 1, TimeUnit.SECONDS);
    }

    /**
     * Resumes the match after the game connection dropped by itself; if the server does not take
     * the bot back (gone, or the match ended meanwhile), the drop counts as it did before.
     */
    private void resumeAfterDrop(Throwable drop) {
        reconnecting = true;
        resumeSecret = session.resumeSecret();
        CompletableFuture<Void> thisPlay = cycle;
        loop.schedule(() -> connect(1).whenCompleteAsync((back, failure) -> {
            if (abandonedMeanwhile(thisPlay, back)) {
                return;
            }
            if (failure == null) {
                context.stats().resumedAfterDrop.increment();
                onConnected(back);
                back.matchEnd().whenCompleteAsync((result, ended) -> onMatchEnd(result, ended), loop);
                return;
            }
            ErrorCode code = GameRefused.codeOf(failure);
            if (code == ErrorCode.ERROR_CODE_MATCH_NOT_FOUND || code == ErrorCode.ERROR_CODE_MATCH_ENDED) {
                onReconnectFailed(failure);
                return;
            }
            reconnecting = false;
            context.stats().error("game_disconnected", drop);
            lostServer = true;
            finish();
        }, loop), 1, TimeUnit.SECONDS);
    }

    /**
     * The match may have ended while the bot was away (the server then no longer knows it): that
     * is no fault of the backend, and the result still counts, so the bot goes on to read its rank.
     */
    private void onReconnectFailed(Throwable failure) {
        reconnecting = false;
        ErrorCode code = GameRefused.codeOf(failure);
        if (code == ErrorCode.ERROR_CODE_MATCH_NOT_FOUND || code == ErrorCode.ERROR_CODE_MATCH_ENDED) {
            context.stats().reconnectsTooLate.increment();
            context.driver(loop).remove(this);
            state = BotState.RANKING;
            long nowNs = context.nanoClock().nanoTime();
            pollRank(context.boardFor(found.getMode()), nowNs, nowNs + context.rankTimeout().toNanos());
        } else {
            context.stats().error("reconnect", failure);
            finish();
        }
    }

    private void onMatchEnd(MatchResult result, Throwable failure) {
        if (reconnecting || cycle.isDone()) {
            return; // the connection this bot dropped on purpose; the reconnected one carries on
        }
        context.driver(loop).remove(this);
        session.close();
        if (failure != null && behaviour != Behaviour.MISBEHAVING && resumesLeft > 0) {
            // The connection dropped by itself (a network fault, a stall): come back to the same
            // slot within the server's reconnect grace, as a player's client does, instead of
            // queueing anew while the match still holds the slot.
            resumesLeft--;
            resumeAfterDrop(failure);
            return;
        }
        if (failure != null) {
            context.stats().error(behaviour == Behaviour.MISBEHAVING ? "misbehaving_dropped" : "game_disconnected",
                    failure);
            lostServer = behaviour != Behaviour.MISBEHAVING;
            finish();
            return;
        }
        boolean aborted = result.getEndReason() == EndReason.END_REASON_ABORTED;
        context.stats().matchEnded(result.getMatchId(), aborted);
        context.stats().matchCycles.increment();
        if (aborted) {
            context.stats().abortedMatches.increment();
            finish();
            return;
        }
        state = BotState.RANKING;
        BoardRef board = context.boardFor(found.getMode());
        long endedAtNs = context.nanoClock().nanoTime();
        pollRank(board, endedAtNs, endedAtNs + context.rankTimeout().toNanos());
    }

    /** Reads the bot's row until its rating differs from before the match: that is the update arriving. */
    private void pollRank(BoardRef board, long endedAtNs, long deadlineNs) {
        context.ranking(loop).thenCompose(ranking -> ranking.rank(board, playerId))
                .whenCompleteAsync((reply, failure) -> {
                    Rating now = failure == null ? ratingOf(reply) : null;
                    if (now != null && !now.equals(ratingBefore)) {
                        context.stats().recordRankUpdate(context.nanoClock().nanoTime() - endedAtNs);
                        finish();
                    } else if (context.nanoClock().nanoTime() >= deadlineNs) {
                        if (failure != null) {
                            context.stats().error("rank_query", failure);
                        } else {
                            context.stats().error("rank_not_updated", playerId + " still at "
                                    + (now == null ? "no entry" : "mu " + now.getMu()) + " after " + context.rankTimeout());
                        }
                        finish();
                    } else {
                        loop.schedule(() -> pollRank(board, endedAtNs, deadlineNs), RANK_POLL_MS,
                                TimeUnit.MILLISECONDS);
                    }
                }, loop);
    }

    private static Rating ratingOf(ServerMessage reply) {
        return reply.hasPlayerRank() && reply.getPlayerRank().getFound()
                ? reply.getPlayerRank().getEntry().getRating() : null;
    }

    private void finish() {
        context.driver(loop).remove(this);
        if (session != null) {
            session.close();
            session = null;
        }
        state = BotState.READY;
        cycle.complete(null);
    }

    /** Whether the last match ended with its game connection lost (the crew then waits for a MatchAborted). */
    boolean lostServer() {
        return lostServer;
    }

    /**
     * The match-server aborted the bot's match (its game server was lost) and put its ticket back
     * in the queue: stop playing and wait in the queue again. Call on the bot's loop.
     */
    void abandon() {
        context.driver(loop).remove(this);
        if (session != null) {
            session.close();
            session = null;
        }
        state = BotState.QUEUED;
        if (cycle != null) {
            cycle.complete(null);
        }
    }

    /** Runs {@code task} on the bot's loop. */
    void loopExecute(Runnable task) {
        loop.execute(task);
    }

    /** The run is over: drop whatever is open. */
    void stop() {
        context.driver(loop).remove(this);
        if (session != null) {
            session.close();
        }
        state = BotState.STOPPED;
    }
}
