package io.skirmish.match.queue;

import io.skirmish.match.admission.Staleness;
import io.skirmish.match.rules.QueueMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How joins are gathered into batches while they linger: on a fake clock that only the test
 * moves, so a batch ends by its size or by the test moving time past the linger, never by itself.
 */
class JoinBatcherLingerTest {

    private static final long MS = 1_000_000;
    private static final MatchKeys.Queue DUEL_EU = new MatchKeys.Queue(QueueMode.DUEL, "eu");

    private final AtomicLong clock = new AtomicLong();
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private JoinBatcher batcher;

    @AfterEach
    void stop() {
        clock.addAndGet(60_000 * MS); // ends any linger, so close() finds the threads idle
        batcher.close();
    }

    private void start(int threads, int maxBatch) {
        batcher = new JoinBatcher(this::write, threads, maxBatch, 64, Duration.ofSeconds(5), Duration.ofMillis(10),
                clock::get);
    }

    private List<QueueService.JoinResult> write(List<QueueService.JoinPlan> plans) {
        batches.add(plans.stream().map(QueueService.JoinPlan::ticketId).toList());
        return plans.stream().map(plan -> new QueueService.JoinResult(null, null)).toList();
    }

    private void join(String ticketId) {
        QueueService.JoinPlan plan = new QueueService.JoinPlan(DUEL_EU, ticketId, List.of("p-" + ticketId), Map.of());
        assertThat(batcher.submit(plan, new JoinBatcher.Callback() {
            @Override
            public void onResult(QueueService.JoinResult result) {
            }

            @Override
            public void onFailure(RuntimeException error) {
            }

            @Override
            public boolean wanted() {
                return true;
            }

            @Override
            public void onDropped(Staleness why, long waitedNs) {
            }
        })).isTrue();
    }

    @Test
    void joinsThatArriveWithinTheLingerShareOneBatch() {
        start(1, 256);
        join("a");
        join("b");
        clock.addAndGet(9 * MS);
        join("c");
        await().during(50, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS).until(batches::isEmpty);

        clock.addAndGet(1 * MS);

        await().atMost(5, TimeUnit.SECONDS).until(() -> !batches.isEmpty());
        assertThat(batches).containsExactly(List.of("a", "b", "c"));
    }

    @Test
    void aFullBatchIsWrittenWithoutWaitingForTheLinger() {
        start(1, 2);
        join("a");
        join("b");
        join("c");

        await().atMost(5, TimeUnit.SECONDS).until(() -> !batches.isEmpty());
        assertThat(batches.get(0)).containsExactly("a", "b");
        await().during(50, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS).until(() -> batches.size() == 1);

        clock.addAndGet(10 * MS);

        await().atMost(5, TimeUnit.SECONDS).until(() -> batches.size() == 2);
        assertThat(batches.get(1)).containsExactly("c");
    }

    @Test
    void lingeringThreadsDoNotSplitTheJoinsBetweenThem() {
        start(4, 256);
        for (int i = 0; i < 8; i++) {
            join("t" + i);
        }
        await().during(50, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS).until(batches::isEmpty);

        clock.addAndGet(10 * MS);

        await().atMost(5, TimeUnit.SECONDS).until(() -> !batches.isEmpty());
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(8);
    }
}
