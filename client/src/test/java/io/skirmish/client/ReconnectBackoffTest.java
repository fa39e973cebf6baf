package io.skirmish.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    /** A generator that always draws the lowest or the highest value it may. */
    private static RandomGenerator extreme(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }

    private static List<Long> delays(ReconnectBackoff backoff, int count) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            delays.add(backoff.nextDelayMs());
        }
        return delays;
    }

    @Test
    void stepsDoubleFromTheBaseUpToTheCapWithHalfOfEachStepJittered() {
        assertThat(delays(new ReconnectBackoff(100, 2_000, extreme(true)), 7))
                .containsExactly(100L, 200L, 400L, 800L, 1_600L, 2_000L, 2_000L);
        assertThat(delays(new ReconnectBackoff(100, 2_000, extreme(false)), 7))
                .containsExactly(50L, 100L, 200L, 400L, 800L, 1_000L, 1_000L);
    }

    @Test
    void jitteredDelaysStayWithinHalfAndAllOfTheirStepAndSpread() {
        ReconnectBackoff backoff = new ReconnectBackoff(100, 2_000, new SplittableRandom(3));
        List<Long> atCap = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long delay = backoff.nextDelayMs();
            if (i >= 5) {
                assertThat(delay).isBetween(1_000L, 2_000L);
                atCap.add(delay);
            }
        }
        assertThat(atCap.stream().distinct().count()).as("clients that lost one server spread out").isGreaterThan(50);
    }

    @Test
    void resetStartsFromTheBaseAgainAndManyAttemptsNeverOverflow() {
        ReconnectBackoff backoff = new ReconnectBackoff(100, 2_000, extreme(true));
        delays(backoff, 100);
        assertThat(backoff.nextDelayMs()).isEqualTo(2_000L);
        assertThat(backoff.attempts()).isEqualTo(101);

        backoff.reset();

        assertThat(backoff.attempts()).isZero();
        assertThat(backoff.nextDelayMs()).isEqualTo(100L);
    }

    @Test
    void refusesABaseAboveTheCapOrNotPositive() {
        assertThatThrownBy(() -> new ReconnectBackoff(0, 100, extreme(true))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(200, 100, extreme(true))).isInstanceOf(IllegalArgumentException.class);
    }
}
