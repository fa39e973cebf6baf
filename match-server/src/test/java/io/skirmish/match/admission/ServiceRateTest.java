package io.skirmish.match.admission;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The drain time of a backlog at the measured rate, on a fake clock. */
class ServiceRateTest {

    private static final long MS = 1_000_000;

    private final AtomicLong clock = new AtomicLong();
    private final ServiceRate rate = new ServiceRate(250 * MS, clock::get);

    @Test
    void knowsNoRateBeforeAWindowHasPassed() {
        clock.addAndGet(100 * MS);

        assertThat(rate.drainNs(50, 10)).isEqualTo(-1);
        assertThat(rate.drainNs(0, 10)).isZero();
    }

    @Test
    void drainTimeIsTheBacklogOverTheMeasuredRate() {
        clock.addAndGet(250 * MS);

        // 500 taken in 250 ms: 2,000 a second, so 1,000 waiting drain in 500 ms
        assertThat(rate.drainNs(1_000, 500)).isEqualTo(500 * MS);
    }

    @Test
    void followsAChangedRateByHalvingTheDifferenceEachWindow() {
        clock.addAndGet(250 * MS);
        rate.drainNs(1, 500); // 2,000 a second
        clock.addAndGet(250 * MS);

        // this window took 250 more (1,000 a second): the estimate becomes 1,500 a second
        assertThat(rate.drainNs(1_500, 750)).isEqualTo(1_000 * MS);
    }

    @Test
    void keepsTheEstimateWithinAWindow() {
        clock.addAndGet(250 * MS);
        rate.drainNs(1, 500);
        clock.addAndGet(100 * MS);

        assertThat(rate.drainNs(2_000, 10_000)).isEqualTo(1_000 * MS);
    }
}
