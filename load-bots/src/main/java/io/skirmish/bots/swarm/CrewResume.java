package io.skirmish.bots.swarm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.skirmish.client.QueueResume;
import io.skirmish.client.ReconnectBackoff;
import io.skirmish.protocol.match.v1.ServerMessage;

/**
 * A queued crew's way back to its ticket after it lost its match-server connection (the
 * instance died or drained behind a load balancer) or was told {@code ALREADY_QUEUED}: after
 * the next backoff delay, log the lost members in again (the login moves the waiting ticket to
 * the instance reached) and ask for the queue status; keep waiting while the server holds the
 * ticket, join again only when it says there is none ({@link QueueResume}), and ask again after a
 * longer delay on anything else.
 *
 * <p>The backoff is the crew's one backoff for every retry of its queue conversation, and only
 * the crew resets it, once the server confirmed a ticket (a join accepted, a {@code MatchFound}).
 * A "join again" is not a confirmation: a server that answers {@code ALREADY_QUEUED} to the join
 * and "not queued" to the status (an index entry whose ticket write may still land) would
 * otherwise be asked in a loop as fast as round trips allow, and run into the per-player join
 * limit ({@code join_rate_limited}).
 *
 * <p>Threads: one event loop; {@link #lost} is called on it, and every delayed step and every
 * completion runs there ({@code delays} and {@code loop}).
 */
final class CrewResume {

    /** Runs a task on the crew's loop after a delay. */
    @FunctionalInterface
    interface Delays {
        void after(long delayMs, Runnable task);
    }

    /** What the resume needs of its crew. */
    interface Steps {
        /** True while the crew waits in the queue and the run goes on. */
        boolean waiting();

        /** Logs the members whose connection is gone in again and asks for the leader's queue status. */
        CompletableFuture<ServerMessage> logInAgainAndAskStatus();

        /** The ticket still waits, or was matched (its {@code MatchFound} is pushed again): keep waiting. */
        void keepWaiting();

        /** The server holds no ticket for the crew: join again. */
        void joinAgain();
    }

    private final ReconnectBackoff backoff;
    private final Delays delays;
    private final Executor loop;
    private final Steps steps;
    private boolean resuming;

    CrewResume(ReconnectBackoff backoff, Delays delays, Executor loop, Steps steps) {
        this.backoff = backoff;
        this.delays = delays;
        this.loop = loop;
        this.steps = steps;
    }

    /** The connection was lost (or the join was refused as already queued): resume after the next backoff delay. */
    void lost() {
        if (!resuming) {
            resuming = true;
            delays.after(backoff.nextDelayMs(), this::resume);
        }
    }

    /** A resume is scheduled or running: a failure it caused is its to handle, not an error. */
    boolean resuming() {
        return resuming;
    }

    private void resume() {
        if (!steps.waiting()) {
            resuming = false;
            return;
        }
        steps.logInAgainAndAskStatus().whenCompleteAsync((reply, failure) -> {
            if (!steps.waiting()) {
                resuming = false;
                return;
            }
            QueueResume next = failure != null ? QueueResume.RETRY : QueueResume.of(reply);
            if (next == QueueResume.RETRY) {
                delays.after(backoff.nextDelayMs(), this::resume);
                return;
            }
            resuming = false;
            if (next == QueueResume.JOIN_AGAIN) {
                steps.joinAgain();
            } else {
                backoff.reset();
                steps.keepWaiting();
            }
        }, loop);
    }
}
