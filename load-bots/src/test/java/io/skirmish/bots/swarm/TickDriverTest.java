package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TickDriverTest {

    private static final int RATE_HZ = 50;
    private static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(1) / RATE_HZ;

    private final EventLoop loop = new DefaultEventLoop();
    private final LongAdder skipped = new LongAdder();
    private final List<Long> dues = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void aLoopBlockedForManyTicksSkipsThemInsteadOfReplayingThem() throws Exception {
        TickDriver driver = new TickDriver(loop, RATE_HZ, skipped);
        loop.submit(() -> driver.add(dues::add)).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> dues.size() >= 3);

        long blockedNs = 20 * INTERVAL_NS;
        loop.submit(() -> sleepNs(blockedNs)).get();
        int beforeCatchUp = dues.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> dues.size() >= beforeCatchUp + 3);
        driver.cancel();

        // 20 intervals blocked: one late tick may run, the rest are skipped, not run back to back.
        assertThat(skipped.sum()).isGreaterThanOrEqualTo(18);
        List<Long> seen = List.copyOf(dues);
        for (int i = 1; i < seen.size(); i++) {
            long step = seen.get(i) - seen.get(i - 1);
            assertThat(step).as("due times advance by whole intervals").isPositive();
            assertThat(step % INTERVAL_NS).isZero();
        }
        assertThat(seen.get(seen.size() - 1) - seen.get(0)).isGreaterThanOrEqualTo(blockedNs);
    }

    @Test
    void countsSkippedTicksPerPlayingBot() throws Exception {
        TickDriver driver = new TickDriver(loop, RATE_HZ, skipped);
        List<Long> other = new CopyOnWriteArrayList<>();
        loop.submit(() -> {
            driver.add(dues::add);
            driver.add(other::add);
        }).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> dues.size() >= 2);
        loop.submit(() -> sleepNs(10 * INTERVAL_NS)).get();
        int before = dues.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> dues.size() > before);
        driver.cancel();

        assertThat(skipped.sum() % 2).as("each missed tick counts once per bot").isZero();
        assertThat(skipped.sum()).isGreaterThanOrEqualTo(2 * 8);
        assertThat(other).isEqualTo(dues.subList(0, other.size()));
    }

    private static void sleepNs(long ns) {
        try {
            TimeUnit.NANOSECONDS.sleep(ns);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
