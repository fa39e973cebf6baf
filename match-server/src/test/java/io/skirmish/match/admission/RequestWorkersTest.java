package io.skirmish.match.admission;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One worker thread, held busy by a first job while the test moves the clock. */
class RequestWorkersTest {

    private static final long MS = 1_000_000;

    private final AtomicLong clock = new AtomicLong();
    private final RequestWorkers workers = new RequestWorkers(1, 2, Duration.ofSeconds(5), clock::get, Thread::new);
    private final CountDownLatch release = new CountDownLatch(1);
    private final RecordingJob blocker = new RecordingJob(true, release);

    @AfterEach
    void stop() {
        release.countDown();
        workers.shutdownNow();
    }

    /** Queues {@code job} behind the blocker, moves the clock by {@code waitMs}, then frees the thread. */
    private void waitBehindTheBlocker(RecordingJob job, long waitMs) {
        assertThat(workers.submit(blocker)).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> blocker.ran.get());
        assertThat(workers.submit(job)).isTrue();
        clock.addAndGet(waitMs * MS);
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).until(job::finished);
    }

    @Test
    void runsARequestThatWaitedNoLongerThanTheBound() {
        RecordingJob job = new RecordingJob(true, null);

        waitBehindTheBlocker(job, 5_000);

        assertThat(job.ran).isTrue();
        assertThat(job.dropped.get()).isNull();
    }

    @Test
    void dropsARequestThatWaitedLongerThanTheBoundBeforeDoingIt() {
        RecordingJob job = new RecordingJob(true, null);

        waitBehindTheBlocker(job, 5_001);

        assertThat(job.ran).isFalse();
        assertThat(job.dropped.get()).isEqualTo(Staleness.WAITED);
        assertThat(job.waitedNs.get()).isEqualTo(5_001 * MS);
    }

    @Test
    void dropsARequestWhoseClientLeftWhileItWaited() {
        RecordingJob job = new RecordingJob(false, null);

        waitBehindTheBlocker(job, 10);

        assertThat(job.ran).isFalse();
        assertThat(job.dropped.get()).isEqualTo(Staleness.GONE);
    }

    @Test
    void runsCleanUpHoweverLongItWaited() {
        AtomicBoolean cleaned = new AtomicBoolean();
        assertThat(workers.submit(blocker)).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> blocker.ran.get());
        workers.execute(() -> cleaned.set(true));
        clock.addAndGet(60_000 * MS);
        release.countDown();

        await().atMost(10, TimeUnit.SECONDS).untilTrue(cleaned);
    }

    @Test
    void refusesARequestWhenItsQueueIsFull() {
        assertThat(workers.submit(blocker)).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> blocker.ran.get());

        assertThat(workers.submit(new RecordingJob(true, null))).isTrue();
        assertThat(workers.submit(new RecordingJob(true, null))).isTrue();
        assertThat(workers.submit(new RecordingJob(true, null))).isFalse();
    }

    @Test
    void reportsHowLongTheOldestWaitingRequestHasWaited() {
        assertThat(workers.oldestWaitNs()).isZero();
        assertThat(workers.submit(blocker)).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> blocker.ran.get());
        assertThat(workers.submit(new RecordingJob(true, null))).isTrue();
        clock.addAndGet(200 * MS);
        assertThat(workers.submit(new RecordingJob(true, null))).isTrue();
        clock.addAndGet(300 * MS);

        assertThat(workers.oldestWaitNs()).isEqualTo(500 * MS);
    }

    private static final class RecordingJob implements RequestWorkers.Job {
        final boolean wanted;
        final CountDownLatch hold;
        final AtomicBoolean ran = new AtomicBoolean();
        final AtomicReference<Staleness> dropped = new AtomicReference<>();
        final AtomicLong waitedNs = new AtomicLong(-1);

        RecordingJob(boolean wanted, CountDownLatch hold) {
            this.wanted = wanted;
            this.hold = hold;
        }

        @Override
        public boolean wanted() {
            return wanted;
        }

        @Override
        public void run() {
            ran.set(true);
            if (hold != null) {
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void drop(Staleness why, long waitedNs) {
            this.waitedNs.set(waitedNs);
            dropped.set(why);
        }

        boolean finished() {
            return ran.get() || dropped.get() != null;
        }
    }

    @Test
    void standsForTheBacklogsDrainTimeOnceItIsShorterThanTheOldestWait() throws InterruptedException {
        RequestWorkers many = new RequestWorkers(1, 100, Duration.ofSeconds(5), clock::get, Thread::new);
        try {
            // 20 requests taken in the first 250 ms window: 80 a second
            for (int i = 0; i < 20; i++) {
                assertThat(many.submit(new RecordingJob(true, null))).isTrue();
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> many.standingNs() == 0);
            CountDownLatch hold = new CountDownLatch(1);
            RecordingJob holder = new RecordingJob(true, hold);
            assertThat(many.submit(holder)).isTrue();
            await().atMost(10, TimeUnit.SECONDS).until(() -> holder.ran.get());
            clock.addAndGet(250 * MS);
            assertThat(many.standingNs()).as("nothing queued").isZero();

            for (int i = 0; i < 4; i++) {
                assertThat(many.submit(new RecordingJob(true, null))).isTrue();
            }
            clock.addAndGet(2_000 * MS);

            // the oldest waited 2 s; the first window took 21 (84 a second), the 2 s since none, so
            // the estimate is 42 a second and the 4 queued drain in 95 ms
            assertThat(many.oldestWaitNs()).isEqualTo(2_000 * MS);
            assertThat(many.standingNs()).isBetween(95 * MS, 96 * MS);
            hold.countDown();
        } finally {
            many.shutdownNow();
        }
    }
}
