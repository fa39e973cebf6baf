package io.skirmish.bots.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.netty.channel.EventLoop;
import io.skirmish.client.MatchConnection;
import io.skirmish.client.ReconnectBackoff;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.match.v1.MatchAborted;
import io.skirmish.protocol.match.v1.ServerMessage;

/**
 * Bots that queue together: one solo player, or a party whose first bot (the leader) joins the
 * queue for all. Each member has its own match-server connection and login, as real players
 * do; the leader's JoinQueue names the others, and every member receives its own
 * {@code MatchFound}. A crew cycles until the run stops: read ratings, queue, play, read ranks.
 *
 * <p>A match-server connection lost while the crew waits in the queue (the match-server died, or
 * was drained, behind a load balancer) is not a reason to queue anew: the crew reconnects with a
 * capped, jittered exponential backoff, logs every lost member in again under the same identity
 * (which moves the waiting ticket to the instance reached), asks for the queue status and keeps
 * waiting; it joins again only when the server says there is no ticket ({@link CrewResume}).
 *
 * <p>Threads: all members live on one event loop and every step runs there.
 */
final class Crew {

    /** First reconnect or retry delay; doubles per failed attempt up to the cap, half of it jittered. */
    private static final long RETRY_BASE_MS = 100;
    /**
     * Longest reconnect or retry delay: well inside the match-server's owner lease (5 s), within
     * which a queued player must log in again to keep its ticket after its instance died.
     */
    private static final long RETRY_CAP_MS = 2_000;
    private static final int MAX_LOGIN_ATTEMPTS = 5;
    /** Log in again when the session token has less than this left. */
    private static final long SESSION_REFRESH_MS = 60_000;
    /**
     * After a game connection is lost, how long the crew waits for the match-server's
     * {@code MatchAborted} before queueing anew: a requeued ticket keeps its place in the queue,
     * a new one would go to the back (the server needs the registry TTL plus one sweep, about 4 s).
     */
    private static final long LOST_SERVER_WAIT_MS = 10_000;

    private final List<Member> members = new ArrayList<>();
    private final GameMode mode;
    private final String region;
    private final EventLoop loop;
    private final SwarmContext context;
    private final SwarmControl control;
    private long joinSentNs;
    private int pendingMembers;
    private ScheduledFuture<?> queueTimeout;
    private boolean queued;
    /** Bumped when a MatchAborted puts the crew back in the queue: completions of the plays it cut short are ignored. */
    private int generation;
    private String lastAbortedMatch = "";
    private ScheduledFuture<?> lostServerWait;
    /** Set once the crew stopped: failures of requests it cut short itself are not errors. */
    private boolean stopped;
    /**
     * Delays of login and join retries and of reconnects after a lost match-server connection;
     * reset only once the server confirmed a ticket (a join accepted, a ticket found again, a
     * {@code MatchFound}), so a crew refused again and again slows down instead of looping.
     */
    private final ReconnectBackoff backoff;
    /** The way back to the ticket after a lost connection (or an {@code ALREADY_QUEUED}). */
    private final CrewResume resume;

    /** One member: a bot and its match-server session. */
    private static final class Member {
        final Bot bot;
        MatchConnection connection;
        ByteString session;
        long sessionExpiresAtMs;

        Member(Bot bot) {
            this.bot = bot;
        }
    }

    Crew(List<Bot> bots, GameMode mode, String region, EventLoop loop, SwarmContext context, SwarmControl control) {
        bots.forEach(bot -> members.add(new Member(bot)));
        this.mode = mode;
        this.region = region;
        this.loop = loop;
        this.context = context;
        this.control = control;
        this.backoff = new ReconnectBackoff(RETRY_BASE_MS, RETRY_CAP_MS,
                new SplittableRandom(bots.get(0).playerId.hashCode()));
        this.resume = new CrewResume(backoff, (delayMs, task) -> loop.schedule(task, delayMs, TimeUnit.MILLISECONDS),
                loop, new ResumeSteps());
    }

    List<Bot> bots() {
        return members.stream().map(member -> member.bot).toList();
    }

    /** Starts the crew's first cycle; may be called from any thread. */
    void start() {
        loop.execute(this::nextCycle);
    }

    /** The run is ending: a crew still waiting in the queue leaves it; one in a match finishes it first. */
    void stopQueueing() {
        loop.execute(() -> {
            if (queued) {
                queued = false;
                cancelQueueTimeout();
                Member leader = members.get(0);
                if (leader.connection != null && leader.connection.isOpen()) {
                    leader.connection.leave(leader.session);
                }
                stopAll();
            }
        });
    }

    private void nextCycle() {
        if (control.stopping()) {
            stopAll();
            return;
        }
        CompletableFuture<?>[] logins = members.stream().map(this::ensureLoggedIn).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(logins).thenCompose(ignored -> CompletableFuture.allOf(members.stream()
                        .map(member -> member.bot.readRatingBefore(context.boardFor(mode)))
                        .toArray(CompletableFuture[]::new)))
                .whenCompleteAsync((ignored, failure) -> {
                    if (stopped) {
                        return;
                    }
                    if (failure != null) {
                        context.stats().error("login", failure);
                        retryLater(0);
                    } else {
                        join();
                    }
                }, loop);
    }

    private CompletableFuture<Void> ensureLoggedIn(Member member) {
        if (member.connection != null && member.connection.isOpen()
                && member.sessionExpiresAtMs - context.epochClock().time() > SESSION_REFRESH_MS) {
            return CompletableFuture.completedFuture(null);
        }
        return login(member, 1);
    }

    private CompletableFuture<Void> login(Member member, int attempt) {
        SwarmConfig.Address address = context.config().match();
        CompletableFuture<MatchConnection> connection = member.connection != null && member.connection.isOpen()
                ? CompletableFuture.completedFuture(member.connection)
                : MatchConnection.connect(loop, context.transport(), context.tls(), address.host(), address.port());
        return connection.thenCompose(open -> {
            if (member.connection != open) {
                member.connection = open;
                open.closed().thenRunAsync(() -> onConnectionLost(member, open), loop);
            }
            open.onPush(push -> loop.execute(() -> onPush(member, push)));
            return open.login(member.bot.playerId, SwarmConfig.CLIENT_VERSION);
        }).thenComposeAsync(reply -> {
            if (reply.hasLoginOk()) {
                member.session = reply.getLoginOk().getSessionToken();
                member.sessionExpiresAtMs = reply.getLoginOk().getExpiresAtMs();
                return CompletableFuture.completedFuture(null);
            }
            if (attempt >= MAX_LOGIN_ATTEMPTS) {
                return CompletableFuture.failedFuture(new IllegalStateException("login refused: " + reply));
            }
            return login(member, attempt + 1);
        }, loop);
    }

    private void join() {
        if (control.stopping()) {
            stopAll();
            return;
        }
        Member leader = members.get(0);
        List<String> party = members.stream().skip(1).map(member -> member.bot.playerId).toList();
        joinSentNs = context.nanoClock().nanoTime();
        queued = true;
        pendingMembers = members.size();
        members.forEach(member -> member.bot.state = BotState.QUEUED);
        queueTimeout = loop.schedule(this::onQueueTimeout, context.config().queueTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        leader.connection.join(leader.session, mode, region, party).whenCompleteAsync((reply, failure) -> {
            if (stopped) {
                return; // the run ended while the join was in flight, and the crew closed its connections
            }
            if (failure == null && reply.hasError()
                    && reply.getError().getCode() == ErrorCode.ERROR_CODE_ALREADY_QUEUED) {
                // The ticket exists already (written before a lost reply, then taken over by a new
                // login): wait on it instead of joining in a loop.
                resume.lost();
                return;
            }
            if (failure != null && resume.resuming()) {
                return; // the connection was lost under the join: the resume decides, from the server's status
            }
            if (failure != null || reply.hasError()) {
                long notBeforeMs = 0;
                if (failure != null) {
                    context.stats().error("join", failure);
                } else {
                    context.stats().error("join_" + shortCode(reply), reply.getError().getMessage());
                    notBeforeMs = reply.getError().getRetryAfterMs();
                }
                queued = false;
                cancelQueueTimeout();
                members.forEach(member -> member.bot.state = BotState.READY);
                retryLater(notBeforeMs);
                return;
            }
            backoff.reset(); // the server holds the ticket now
        }, loop);
    }

    /**
     * A member's match-server connection closed. While the crew waits in the queue it reconnects
     * and resumes its ticket ({@link #resume}); otherwise the next cycle's login reconnects.
     */
    private void onConnectionLost(Member member, MatchConnection lost) {
        if (stopped || member.connection != lost || control.stopping() || !queued) {
            return;
        }
        context.stats().queueConnectionsLost.increment();
        resume.lost();
    }

    /** The crew's side of {@link CrewResume}, on the crew's loop. */
    private final class ResumeSteps implements CrewResume.Steps {

        @Override
        public boolean waiting() {
            return !stopped && queued && !control.stopping();
        }

        /**
         * Logs the members whose connection is gone in again (same identity: the login takes the
         * ticket over) and asks each of them for its queue status (a ticket matched meanwhile has
         * its MatchFound pushed again); the leader's answer decides.
         */
        @Override
        public CompletableFuture<ServerMessage> logInAgainAndAskStatus() {
            List<Member> lost = members.stream().filter(m -> m.connection == null || !m.connection.isOpen()).toList();
            Member leader = members.get(0);
            return CompletableFuture.allOf(lost.stream().map(m -> login(m, MAX_LOGIN_ATTEMPTS))
                            .toArray(CompletableFuture[]::new))
                    .thenCompose(ignored -> {
                        lost.stream().filter(m -> m != leader).forEach(m -> m.connection.status(m.session));
                        return leader.connection.status(leader.session);
                    });
        }

        @Override
        public void keepWaiting() {
            context.stats().ticketsResumed.increment(); // MATCHED too: its MatchFound is pushed again
        }

        @Override
        public void joinAgain() {
            context.stats().ticketsJoinedAgain.increment();
            queued = false;
            cancelQueueTimeout();
            join();
        }
    }

    private void onPush(Member member, ServerMessage push) {
        if (push.hasMatchFound() && member.bot.state == BotState.QUEUED) {
            backoff.reset();
            context.stats().recordTimeToMatch(ModeMix.nameOf(mode), members.size(),
                    context.nanoClock().nanoTime() - joinSentNs);
            queued = false;
            cancelQueueTimeout();
            int playing = generation;
            member.bot.play(push.getMatchFound()).whenCompleteAsync((ignored, failure) -> onMemberDone(playing), loop);
        } else if (push.hasMatchAborted()) {
            onMatchAborted(push.getMatchAborted());
        } else if (push.hasError()) {
            context.stats().error("match_server_" + shortCode(push), push.getError().getMessage());
        }
    }

    /**
     * Every member gets the push; the crew acts once per match. Requeued: the party's ticket is
     * back in the queue, so the members stop playing and wait for the next MatchFound. Not
     * requeued: the plays end as they are and the crew joins again.
     */
    private void onMatchAborted(MatchAborted aborted) {
        if (stopped || aborted.getMatchId().equals(lastAbortedMatch)) {
            return;
        }
        lastAbortedMatch = aborted.getMatchId();
        if (!aborted.getRequeued()) {
            context.stats().lostMatchesNotRequeued.increment();
            if (lostServerWait != null && lostServerWait.cancel(false)) {
                nextCycle();
            }
            return;
        }
        context.stats().lostMatchesRequeued.increment();
        if (lostServerWait != null) {
            lostServerWait.cancel(false);
            lostServerWait = null;
        }
        generation++;
        members.forEach(member -> member.bot.abandon());
        joinSentNs = context.nanoClock().nanoTime();
        queued = true;
        pendingMembers = members.size();
        cancelQueueTimeout();
        queueTimeout = loop.schedule(this::onQueueTimeout, context.config().queueTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void onQueueTimeout() {
        if (!queued || stopped) {
            return;
        }
        queued = false;
        context.stats().error("queue_timeout", "no MatchFound for " + members.get(0).bot.playerId + " within "
                + context.config().queueTimeout());
        Member leader = members.get(0);
        leader.connection.leave(leader.session).whenCompleteAsync((reply, failure) -> {
            for (Member member : members) {
                if (member.bot.state == BotState.QUEUED) {
                    member.bot.state = BotState.READY;
                    onMemberDone(generation);
                }
            }
        }, loop);
    }

    private void onMemberDone(int playing) {
        if (playing != generation || --pendingMembers != 0) {
            return;
        }
        if (members.stream().anyMatch(member -> member.bot.lostServer())) {
            lostServerWait = loop.schedule(() -> {
                lostServerWait = null;
                nextCycle();
            }, LOST_SERVER_WAIT_MS, TimeUnit.MILLISECONDS);
        } else {
            nextCycle();
        }
    }

    /** The next cycle after the next backoff delay, and not before {@code notBeforeMs} (a server's retry-after). */
    private void retryLater(long notBeforeMs) {
        loop.schedule(this::nextCycle, Math.max(notBeforeMs, backoff.nextDelayMs()), TimeUnit.MILLISECONDS);
    }

    private void cancelQueueTimeout() {
        if (queueTimeout != null) {
            queueTimeout.cancel(false);
            queueTimeout = null;
        }
    }

    private void stopAll() {
        stopped = true;
        for (Member member : members) {
            member.bot.stop();
            if (member.connection != null) {
                member.connection.close();
            }
        }
    }

    private static String shortCode(ServerMessage message) {
        return message.getError().getCode().name().replace("ERROR_CODE_", "").toLowerCase(java.util.Locale.ROOT);
    }
}
