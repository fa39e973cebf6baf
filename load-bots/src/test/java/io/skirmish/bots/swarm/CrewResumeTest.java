package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

import io.skirmish.client.ReconnectBackoff;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.QueueUpdate;
import io.skirmish.protocol.match.v1.ServerMessage;
import org.junit.jupiter.api.Test;

/**
 * The queued crew's reconnect-and-resume driven by a fake clock: delayed steps run when the test
 * moves the clock past them, the crew's match-server answers from a script, the backoff's jitter
 * always draws its lowest value (so the delays are 50, 100, 200, ... ms). No sockets, no sleeps.
 */
class CrewResumeTest {

    private static final ServerMessage SEARCHING = update(QueueState.QUEUE_STATE_SEARCHING);
    private static final ServerMessage MATCHED = update(QueueState.QUEUE_STATE_MATCHED);
    private static final ServerMessage NOT_QUEUED = error(ErrorCode.ERROR_CODE_NOT_QUEUED);
    private static final ServerMessage BUSY = error(ErrorCode.ERROR_CODE_SERVER_BUSY);

    private final FakeLoop loop = new FakeLoop();
    private final ScriptedCrew crew = new ScriptedCrew();
    private final CrewResume resume = new CrewResume(new ReconnectBackoff(100, 2_000, lowest()), loop, Runnable::run,
            crew);

    @Test
    void logsInAgainOnlyAfterTheBackoffDelayThenKeepsWaitingOnItsTicket() {
        crew.answers.add(SEARCHING);

        resume.lost();
        loop.advanceMs(49);
        assertThat(crew.loginsAtMs).isEmpty();
        loop.advanceMs(1);

        assertThat(crew.loginsAtMs).containsExactly(50L);
        assertThat(crew.keptWaiting).isEqualTo(1);
        assertThat(crew.joinedAgain).isZero();
        assertThat(resume.resuming()).isFalse();
    }

    @Test
    void aTicketMatchedMeanwhileIsWaitedForToo() {
        crew.answers.add(MATCHED);

        resume.lost();
        loop.advanceMs(50);

        assertThat(crew.keptWaiting).isEqualTo(1);
        assertThat(crew.joinedAgain).isZero();
    }

    @Test
    void joinsAgainWhenTheServerSaysItHasNoTicket() {
        crew.answers.add(NOT_QUEUED);

        resume.lost();
        loop.advanceMs(50);

        assertThat(crew.joinedAgain).isEqualTo(1);
        assertThat(crew.keptWaiting).isZero();
        assertThat(resume.resuming()).isFalse();
    }

    @Test
    void asksAgainAfterALongerDelayWhenTheServerCannotSayThenStartsOverOnceTheTicketIsFound() {
        crew.answers.add(BUSY);
        crew.answers.add(null); // the re-login fails: the instance reached went away too
        crew.answers.add(SEARCHING);

        resume.lost();
        loop.advanceMs(1_000);

        assertThat(crew.loginsAtMs).containsExactly(50L, 150L, 350L);
        assertThat(crew.keptWaiting).isEqualTo(1);
        assertThat(crew.joinedAgain).isZero();

        crew.answers.add(SEARCHING);
        resume.lost();
        loop.advanceMs(50);
        assertThat(crew.loginsAtMs).as("the backoff starts over after the ticket was found").containsExactly(50L,
                150L, 350L, 1_050L);
    }

    @Test
    void aSecondLossWhileResumingSchedulesNothingMore() {
        crew.answers.add(SEARCHING);

        resume.lost();
        resume.lost();
        loop.advanceMs(1_000);

        assertThat(crew.loginsAtMs).hasSize(1);
    }

    @Test
    void aCrewNoLongerWaitingIsNotLoggedInAgain() {
        resume.lost();
        crew.waiting = false; // matched, or the run ended, before the delay ran out
        loop.advanceMs(1_000);

        assertThat(crew.loginsAtMs).isEmpty();
        assertThat(resume.resuming()).isFalse();
    }

    /**
     * A join refused {@code ALREADY_QUEUED} while the status says "not queued" (an index entry
     * whose ticket write may still land, for up to 10 s): the crew's joins slow down along the
     * backoff and stay within the match-server's default join limit (1 a second, burst 5: at most
     * 15 in 10 s) instead of looping at the speed of its round trips into {@code RATE_LIMITED}.
     */
    @Test
    void aJoinRefusedAsQueuedWhileTheStatusSaysNotQueuedBacksOffInsteadOfLooping() {
        crew.alreadyQueuedOnJoin = true;
        for (int i = 0; i < 1_000; i++) {
            crew.answers.add(NOT_QUEUED);
        }

        resume.lost();
        loop.advanceMs(10_000);

        assertThat(crew.joinedAgain).isBetween(5, 15);
    }

    private static ServerMessage update(QueueState state) {
        return ServerMessage.newBuilder().setQueueUpdate(QueueUpdate.newBuilder().setState(state)).build();
    }

    private static ServerMessage error(ErrorCode code) {
        return ServerMessage.newBuilder().setError(Error.newBuilder().setCode(code).setMessage("x")).build();
    }

    /** Jitter that always draws the lowest value: each delay is half its step. */
    private static RandomGenerator lowest() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return 0;
            }
        };
    }

    /** Delayed tasks on a fake clock, run in due order as the test advances it. */
    private static final class FakeLoop implements CrewResume.Delays {
        private record Due(long atMs, long order, Runnable task) {
        }

        private final PriorityQueue<Due> due = new PriorityQueue<>(
                Comparator.comparingLong(Due::atMs).thenComparingLong(Due::order));
        private long nowMs;
        private long scheduled;

        @Override
        public void after(long delayMs, Runnable task) {
            due.add(new Due(nowMs + delayMs, scheduled++, task));
        }

        void advanceMs(long ms) {
            long until = nowMs + ms;
            while (!due.isEmpty() && due.peek().atMs() <= until) {
                Due next = due.poll();
                nowMs = next.atMs();
                next.task().run();
            }
            nowMs = until;
        }
    }

    /**
     * The crew, with its match-server's answers to "log in again and ask for the status" scripted
     * (null: the login fails); with {@code alreadyQueuedOnJoin}, every join is refused
     * {@code ALREADY_QUEUED}, which sends the crew back to {@link CrewResume#lost}, as {@link Crew} does.
     */
    private final class ScriptedCrew implements CrewResume.Steps {
        final Deque<ServerMessage> answers = new LinkedList<>(); // null: the login fails
        final List<Long> loginsAtMs = new ArrayList<>();
        boolean waiting = true;
        boolean alreadyQueuedOnJoin;
        int keptWaiting;
        int joinedAgain;

        @Override
        public boolean waiting() {
            return waiting;
        }

        @Override
        public CompletableFuture<ServerMessage> logInAgainAndAskStatus() {
            loginsAtMs.add(loop.nowMs);
            ServerMessage answer = answers.poll();
            return answer == null ? CompletableFuture.failedFuture(new IllegalStateException("connection refused"))
                    : CompletableFuture.completedFuture(answer);
        }

        @Override
        public void keepWaiting() {
            keptWaiting++;
        }

        @Override
        public void joinAgain() {
            joinedAgain++;
            if (alreadyQueuedOnJoin) {
                resume.lost();
            }
        }
    }
}
