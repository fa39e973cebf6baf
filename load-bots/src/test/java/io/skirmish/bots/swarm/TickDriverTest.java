package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.embedded.EmbeddedChannel;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

/** The timer's callback driven by a fake clock: lateness is a clock jump, not a blocked event loop. */
class TickDriverTest {

    private static final int RATE_HZ = 50;
    private static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(1) / RATE_HZ;
    private static final long START_NS = 1_000_000_000L;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final LongAdder skipped = new LongAdder();
    private final List<Long> dues = new ArrayList<>();
    private final TickDriver driver;

    TickDriverTest() {
        clock.update(START_NS);
        driver = new TickDriver(new EmbeddedChannel().eventLoop(), RATE_HZ, skipped, clock);
        driver.add(dues::add);
    }

    /** The timer fires {@code lateNs} after the tick it was set for. */
    private void fireLate(long lateNs) {
        clock.advance(driver.nextDelayNs() + lateNs);
        driver.onTimer();
    }

    @Test
    void firesOneIntervalAfterItWasCreated() {
        assertThat(driver.nextDelayNs()).isEqualTo(INTERVAL_NS);
    }

    @Test
    void handsBotsTheDueTimeNotTheTimeTheTimerRan() {
        fireLate(INTERVAL_NS / 2);

        assertThat(dues).containsExactly(START_NS + INTERVAL_NS);
        assertThat(skipped.sum()).isZero();
        assertThat(driver.nextDelayNs()).isEqualTo(INTERVAL_NS / 2);
    }

    @Test
    void aLoopBlockedForManyTicksSkipsThemInsteadOfReplayingThem() {
        fireLate(0);
        fireLate(20 * INTERVAL_NS);

        assertThat(dues).containsExactly(START_NS + INTERVAL_NS, START_NS + 22 * INTERVAL_NS);
        assertThat(skipped.sum()).isEqualTo(20);
        assertThat(driver.nextDelayNs()).isEqualTo(INTERVAL_NS);
    }

    @Test
    void countsSkippedTicksOncePerPlayingBot() {
        List<Long> other = new ArrayList<>();
        driver.add(other::add);

        fireLate(10 * INTERVAL_NS);

        assertThat(skipped.sum()).isEqualTo(2 * 10);
        assertThat(other).isEqualTo(dues);
    }

    @Test
    void aBotThatLeavesIsNoLongerTicked() {
        List<Long> leaving = new ArrayList<>();
        TickDriver.Ticking bot = leaving::add;
        driver.add(bot);
        fireLate(0);

        driver.remove(bot);
        fireLate(0);

        assertThat(leaving).hasSize(1);
        assertThat(dues).hasSize(2);
    }
}
