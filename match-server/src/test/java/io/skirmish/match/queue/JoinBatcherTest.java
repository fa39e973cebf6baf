package io.skirmish.match.queue;

import io.skirmish.match.admission.Staleness;
import io.skirmish.match.rules.QueueMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which joins reach Redis: one batcher thread over a writer that records the tickets it is asked
 * to write and holds the first batch until the test has moved the clock.
 */
class JoinBatcherTest {

    private static final long MS = 1_000_000;
    private static final MatchKeys.Queue DUEL_EU = new MatchKeys.Queue(QueueMode.DUEL, "eu");

    private final AtomicLong clock = new AtomicLong();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final JoinBatcher batcher = new JoinBatcher(this::write, 1, 256, 16, Duration.ofSeconds(5),
            Duration.ZERO, clock::get);

    @AfterEach
    void stop() {
        release.countDown();
        batcher.close();
    }

    private List<QueueService.JoinResult> write(List<QueueService.JoinPlan> plans) {
        if (plans.get(0).ticketId().equals("first")) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        plans.forEach(plan -> written.add(plan.ticketId()));
        return plans.stream().map(plan -> new QueueService.JoinResult(null, null)).toList();
    }

    private void join(String ticketId, boolean wanted) {
        QueueService.JoinPlan plan = new QueueService.JoinPlan(DUEL_EU, ticketId, List.of("p-" + ticketId), Map.of());
        assertThat(batcher.submit(plan, new JoinBatcher.Callback() {
            @Override
            public void onResult(QueueService.JoinResult result) {
                outcomes.put(ticketId, "written");
            }

            @Override
            public void onFailure(RuntimeException error) {
                outcomes.put(ticketId, "failed");
            }

            @Override
            public boolean wanted() {
                return wanted;
            }

            @Override
            public void onDropped(Staleness why, long waitedNs) {
                outcomes.put(ticketId, why.tag() + " after " + waitedNs / MS + " ms");
            }
        })).isTrue();
    }

    /** The first join's batch is in the writer, held; what is joined now waits for the next batch. */
    private void holdTheWriter() {
        join("first", true);
        try {
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the writer has the first batch").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void writesTheJoinsThatWaitedNoLongerThanTheBound() {
        holdTheWriter();
        join("a", true);
        clock.addAndGet(5_000 * MS);
        release.countDown();

        await().atMost(10, TimeUnit.SECONDS).until(() -> outcomes.size() == 2);
        assertThat(written).containsExactly("first", "a");
    }

    @Test
    void dropsAJoinThatWaitedLongerThanTheBoundBeforeAnyRedisCommand() {
        holdTheWriter();
        join("late", true);
        clock.addAndGet(5_001 * MS);
        release.countDown();

        await().atMost(10, TimeUnit.SECONDS).until(() -> outcomes.size() == 2);
        assertThat(outcomes).containsEntry("late", "waited after 5001 ms");
        assertThat(written).containsExactly("first");
    }

    @Test
    void dropsTheJoinOfAClientThatLeftAndWritesTheRestOfItsBatch() {
        holdTheWriter();
        join("gone", false);
        join("kept", true);
        clock.addAndGet(10 * MS);
        release.countDown();

        await().atMost(10, TimeUnit.SECONDS).until(() -> outcomes.size() == 3);
        assertThat(outcomes).containsEntry("gone", "gone after 10 ms").containsEntry("kept", "written");
        assertThat(written).containsExactly("first", "kept");
    }

    @Test
    void reportsHowLongTheOldestWaitingJoinHasWaited() {
        holdTheWriter();
        assertThat(batcher.oldestWaitNs()).isZero();
        join("waiting", true);
        clock.addAndGet(700 * MS);

        assertThat(batcher.oldestWaitNs()).isEqualTo(700 * MS);
    }
}
